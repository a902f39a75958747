package io.tsconnect.mqtt;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A record that remembers the MQTT message it came from, so that {@code commitRecord} (called with the very record
 * {@code poll()} returned, once Kafka acknowledged it) can acknowledge the message to the broker.
 */
public final class MqttSourceRecord extends SourceRecord {
    private final InboundMessage message;

    MqttSourceRecord(InboundMessage message, Map<String, ?> partition, Map<String, ?> offset, String topic,
                     Schema keySchema, Object key, Schema valueSchema, Object value, Long timestamp,
                     Iterable<Header> headers) {
        super(partition, offset, topic, null, keySchema, key, valueSchema, value, timestamp, headers);
        this.message = message;
    }

    /** The MQTT message this record carries. */
    public InboundMessage message() {
        return message;
    }
}
