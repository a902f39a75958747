package io.tsconnect.mqtt;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A record that remembers the MQTT message it came from, so that {@code commitRecord} (called with the very record
 * {@code poll()} returned, once Kafka acknowledged it) can acknowledge the message to the broker: at once when the
 * message made this one record, after the last of them when it made several ({@link MessageAck}).
 */
public final class MqttSourceRecord extends SourceRecord {
    private final InboundMessage message;
    private final MessageAck shared;

    MqttSourceRecord(InboundMessage message, Map<String, ?> partition, Map<String, ?> offset, String topic,
                     Schema keySchema, Object key, Schema valueSchema, Object value, Long timestamp,
                     Iterable<Header> headers) {
        this(message, null, partition, offset, topic, keySchema, key, valueSchema, value, timestamp, headers);
    }

    /**
     * @param shared the acknowledgement shared with the other records of the message, or {@code null} when this
     *     is its only record
     */
    public MqttSourceRecord(InboundMessage message, MessageAck shared, Map<String, ?> partition,
                            Map<String, ?> offset, String topic, Schema keySchema, Object key, Schema valueSchema,
                            Object value, Long timestamp, Iterable<Header> headers) {
        super(partition, offset, topic, null, keySchema, key, valueSchema, value, timestamp, headers);
        this.message = message;
        this.shared = shared;
    }

    /** The MQTT message this record carries. */
    public InboundMessage message() {
        return message;
    }

    /** Kafka has this record: returns whether that acknowledged the message to the broker. */
    boolean acknowledge() {
        if (shared == null) {
            message.ack().run();
            return true;
        }
        return shared.release();
    }
}
