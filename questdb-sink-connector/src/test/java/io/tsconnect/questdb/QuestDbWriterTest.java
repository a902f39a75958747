package io.tsconnect.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.tsconnect.questdb.config.QuestDbSinkConfig;

class QuestDbWriterTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private final FakeSender fake = new FakeSender();
    private final List<SinkRecord> reported = new ArrayList<>();
    private long now;

    private QuestDbWriter writer(int flushRows, boolean withReporter) {
        QuestDbSinkConfig config = new QuestDbSinkConfig(Map.of("client.conf.string", "http::addr=x:1;"));
        ErrantRecords errant = new ErrantRecords(withReporter ? (record, error) -> {
            reported.add(record);
            return CompletableFuture.completedFuture(null);
        } : null);
        return new QuestDbWriter(fake::sender, new RecordMapper(config), null, errant,
            new FlushPolicy(flushRows, Duration.ofSeconds(10), Duration.ofSeconds(5)), new WriterMetrics(),
            () -> now);
    }

    private static List<SinkRecord> records(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new SinkRecord("t", 0, null, null, null,
            Map.of("id", (long) i), i)).toList();
    }

    private static long committed(QuestDbWriter writer) {
        OffsetAndMetadata offset = writer.committableOffsets(List.of(TP)).get(TP);
        return offset == null ? -1 : offset.offset();
    }

    @Test
    void flushesOnRowCountAndCommitsOnlyAfterIt() {
        QuestDbWriter writer = writer(10, true);
        writer.write(records(0, 5));
        assertEquals(0, fake.landed.size());
        assertEquals(0, committed(writer), "nothing acknowledged yet: commit from offset 0");
        writer.write(records(5, 10));
        assertEquals(10, fake.landed.size());
        assertEquals(10, committed(writer));
    }

    @Test
    void flushesOnAgeAndIdleness() {
        QuestDbWriter writer = writer(1000, true);
        writer.write(records(0, 3));
        assertEquals(5_000, writer.millisUntilDue());
        now += Duration.ofSeconds(5).toNanos();
        writer.write(List.of());
        assertEquals(3, fake.landed.size());
        assertEquals(-1, writer.millisUntilDue());
    }

    @Test
    void unreachableServerKeepsEveryRowAndIgnoresRedeliveredRecords() {
        QuestDbWriter writer = writer(5, true);
        fake.down = true;
        assertThrows(QuestDbWriter.FlushFailedException.class, () -> writer.write(records(0, 5)));
        assertEquals(0, committed(writer));
        // Connect re-delivers the same batch after the RetriableException.
        assertThrows(QuestDbWriter.FlushFailedException.class, () -> writer.write(records(0, 5)));
        fake.down = false;
        writer.write(records(0, 5));
        assertEquals(List.of("0", "1", "2", "3", "4"), fake.landed);
        assertEquals(5, committed(writer));
    }

    @Test
    void badRowIsIsolatedByHalvingAndTheOthersLand() {
        QuestDbWriter writer = writer(16, true);
        fake.badId = "11";
        writer.write(records(0, 16));
        assertEquals(15, fake.landed.size());
        assertTrue(!fake.landed.contains("11"));
        assertEquals(1, reported.size());
        assertEquals(11, reported.get(0).kafkaOffset());
        assertEquals(16, committed(writer));
        assertTrue(fake.flushes <= 1 + 2 * 4, "halving needs at most 2 log2(n) extra requests: " + fake.flushes);
    }

    @Test
    void badRowWithoutReporterFailsTheTaskNamingTheRecord() {
        QuestDbWriter writer = writer(4, false);
        fake.badId = "2";
        ConnectException e = assertThrows(ConnectException.class, () -> writer.write(records(0, 4)));
        assertTrue(e.getMessage().contains("t-0@2"), e.getMessage());
    }

    @Test
    void revokedPartitionsAreForgotten() {
        QuestDbWriter writer = writer(100, true);
        writer.write(records(0, 3));
        writer.forget(List.of(TP));
        assertEquals(0, writer.buffered());
        writer.flush();
        assertEquals(0, fake.landed.size());
    }
}
