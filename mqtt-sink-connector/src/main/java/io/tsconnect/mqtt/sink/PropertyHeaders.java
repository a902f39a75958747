package io.tsconnect.mqtt.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.mqtt.sink.OutboundMessage.Mqtt5Properties;
import io.tsconnect.mqtt.sink.config.MessageConfig;

/** Reads the MQTT 5 publish properties of a record from its headers (see {@link MessageConfig}). */
final class PropertyHeaders {
    private final String expiry;
    private final String contentType;
    private final String responseTopic;
    private final String correlationData;
    private final Set<String> own;
    private final List<String> userProperties;
    private final boolean allUserProperties;
    private final Long defaultExpiry;

    PropertyHeaders(MessageConfig config) {
        String p = config.propertyHeaderPrefix();
        this.expiry = p + "message.expiry.interval";
        this.contentType = p + "content.type";
        this.responseTopic = p + "response.topic";
        this.correlationData = p + "correlation.data";
        // The source connector's own headers are metadata, never user properties.
        this.own = Set.of(expiry, contentType, responseTopic, correlationData, p + "topic", p + "qos", p + "retain");
        this.allUserProperties = config.userPropertyHeaders().contains("*");
        this.userProperties = config.userPropertyHeaders();
        this.defaultExpiry = config.messageExpirySeconds() > 0 ? config.messageExpirySeconds() : null;
    }

    Mqtt5Properties read(SinkRecord record) {
        if (record.headers().isEmpty()) {
            return defaultExpiry == null ? Mqtt5Properties.NONE
                : new Mqtt5Properties(defaultExpiry, null, null, null, List.of());
        }
        Long expirySeconds = expiry(record.headers().lastWithName(expiry));
        return new Mqtt5Properties(expirySeconds == null ? defaultExpiry : expirySeconds,
            text(record.headers().lastWithName(contentType)), responseTopic(record),
            bytes(record.headers().lastWithName(correlationData)), userProperties(record));
    }

    private String responseTopic(SinkRecord record) {
        String topic = text(record.headers().lastWithName(responseTopic));
        String problem = topic == null ? null : MqttTopics.problem(topic);
        if (problem != null) {
            throw new UnpublishableRecordException("Header " + responseTopic + ": " + problem);
        }
        return topic;
    }

    private List<Map.Entry<String, String>> userProperties(SinkRecord record) {
        if (userProperties.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Header h : record.headers()) {
            boolean wanted = allUserProperties ? !own.contains(h.key()) : userProperties.contains(h.key());
            if (wanted && h.value() != null) {
                out.add(new SimpleImmutableEntry<>(h.key(), RecordFields.text(h.value())));
            }
        }
        return out;
    }

    private Long expiry(Header header) {
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            long seconds = header.value() instanceof Number n ? n.longValue()
                : Long.parseLong(RecordFields.text(header.value()).trim());
            if (seconds < 0 || seconds > 4_294_967_295L) {
                throw new NumberFormatException("out of range");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new UnpublishableRecordException("Header " + expiry + " is not a number of seconds from 0 to "
                + "4294967295: " + e.getMessage());
        }
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : RecordFields.text(header.value());
    }

    private static byte[] bytes(Header header) {
        if (header == null || header.value() == null) {
            return null;
        }
        Object value = header.value();
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] b = new byte[buffer.remaining()];
            buffer.duplicate().get(b);
            return b;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
