package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import io.tsconnect.mqtt.config.MqttSourceConfig;

class UnmappableMessagesTest {
    private final Messages messages = new Messages();
    private final MqttTaskMetrics metrics = new MqttTaskMetrics();
    private final RecordMapper mapper = new RecordMapper(new MqttSourceConfig(Map.of("mqtt.server.uris",
        "tcp://h", "mqtt.topic.filters", "#", "kafka.topic", "t", "value.format", "json")).records(),
        new SessionOffset("c-0", List.of()));
    private final UnmappableMessageException error = new UnmappableMessageException("bad payload");

    @Test
    void notToleratedFailsTheTaskAndLeavesTheMessageUnacknowledged() {
        UnmappableMessages path = new UnmappableMessages(false, false, null, mapper, metrics);
        ConnectException e = assertThrows(ConnectException.class,
            () -> path.handle(messages.message("d/1", "x"), error));
        assertTrue(e.getMessage().contains("errors.tolerance"), e.getMessage());
        assertEquals(0, messages.acks.get());
        assertEquals(1, metrics.getUnmappable());
    }

    @Test
    void toleratedWithATopicGoesThereAsRawBytesAndIsAckedOnlyOnCommit() {
        UnmappableMessages path = new UnmappableMessages(true, true, "mqtt-errors", mapper, metrics);
        MqttSourceRecord r = path.handle(messages.message("d/1", "x"), error);
        assertEquals("mqtt-errors", r.topic());
        assertEquals("d/1", r.key());
        assertEquals("bad payload", r.headers().lastWithName("mqtt.error").value());
        assertEquals(0, messages.acks.get());
    }

    @Test
    void toleratedWithoutATopicIsSkippedAndAcknowledged() {
        UnmappableMessages path = new UnmappableMessages(true, false, null, mapper, metrics);
        assertNull(path.handle(messages.message("d/1", "x"), error));
        assertEquals(1, messages.acks.get());
        assertEquals(1, metrics.getAcknowledged());
    }
}
