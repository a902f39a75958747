package io.tsconnect.questdb;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.questdb.client.Sender;

class SenderFactoryTest {
    private static int initial(String conf, int rows) {
        return SenderFactory.initialBufferSize(ClientConf.parse(conf), rows);
    }

    @Test
    void requestBufferStartsAtTheSizeOfAFullBatch() {
        assertEquals(50_000 * SenderFactory.BYTES_PER_ROW, initial("http::addr=h:9000;", 50_000));
        // Never below the client's own start, never above the cap (larger batches still grow it) ...
        assertEquals(64 * 1024, initial("http::addr=h:9000;", 10));
        assertEquals(16 * 1024 * 1024, initial("http::addr=h:9000;", 1_000_000));
        // ... nor above the user's max_buf_size, which the client would reject.
        assertEquals(1_000_000, initial("http::addr=h:9000;max_buf_size=1000000;", 50_000));
        assertEquals(32 * 1024, initial("http::addr=h:9000;max_buf_size=32768;", 50_000));
    }

    @Test
    void opensSendersWhateverBufferSettingsTheUserGave() {
        // protocol_version set: the client builds an HTTP sender without contacting the server.
        for (String conf : new String[] {"http::addr=127.0.0.1:1;protocol_version=2;",
            "http::addr=127.0.0.1:1;protocol_version=2;init_buf_size=1024;",
            "http::addr=127.0.0.1:1;protocol_version=2;max_buf_size=1000000;"}) {
            assertDoesNotThrow(() -> {
                try (Sender sender = SenderFactory.open(conf, ClientConf.parse(conf), 50_000)) {
                    sender.table("t").longColumn("x", 1).atNow();
                    sender.reset();
                }
            }, conf);
        }
    }
}
