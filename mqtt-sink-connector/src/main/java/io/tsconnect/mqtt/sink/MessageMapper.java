package io.tsconnect.mqtt.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.common.Template;
import io.tsconnect.mqtt.sink.config.MessageConfig;
import io.tsconnect.mqtt.sink.config.NullValueBehavior;
import io.tsconnect.mqtt.sink.config.PayloadFormat;

/**
 * Turns a record into the {@link OutboundMessage} to publish: topic from the template, payload in the configured
 * format, QoS and retain from the config or the record, MQTT 5 properties from headers. Used on the task thread
 * only (it reuses a JSON buffer).
 */
public final class MessageMapper {
    private static final byte[] EMPTY = new byte[0];
    private final MessageConfig config;
    private final RecordFields fields = new RecordFields();
    private final JsonPayload json = new JsonPayload();
    private final PropertyHeaders properties;
    private final String constantTopic;

    public MessageMapper(MessageConfig config, boolean mqtt5) {
        this.config = config;
        this.properties = mqtt5 ? new PropertyHeaders(config) : null;
        this.constantTopic = config.topic().isConstant() ? config.topic().literals().get(0) : null;
    }

    /**
     * @return the message, or {@code null} for a tombstone that is ignored
     * @throws UnpublishableRecordException with the reason, when the record cannot be published
     */
    public OutboundMessage map(SinkRecord record) {
        if (record.value() == null) {
            return switch (config.nullValues()) {
                case IGNORE -> null;
                case FAIL -> throw new UnpublishableRecordException("The record is a tombstone (null value) and "
                    + MessageConfig.NULL_VALUES_CONFIG + " is " + NullValueBehavior.FAIL.name().toLowerCase());
                case CLEAR_RETAINED -> new OutboundMessage(topic(record), EMPTY, qos(record), true,
                    properties == null ? OutboundMessage.Mqtt5Properties.NONE : properties.read(record));
            };
        }
        String topic = topic(record);
        byte[] payload = payload(record);
        return new OutboundMessage(topic, payload, qos(record), retain(record),
            properties == null ? OutboundMessage.Mqtt5Properties.NONE : properties.read(record));
    }

    private String topic(SinkRecord record) {
        if (constantTopic != null) {
            return constantTopic;
        }
        Template template = config.topic();
        String topic;
        try {
            topic = template.render(name -> {
                String text = RecordFields.text(fields.resolve(name, record));
                if (text != null && text.isEmpty()) {
                    throw new UnpublishableRecordException("'${" + name + "}' of topic template '" + template
                        + "' is empty, which would leave an empty topic level");
                }
                return text;
            });
        } catch (Template.MissingVariableException e) {
            throw new UnpublishableRecordException("No MQTT topic: the record has no '" + e.variable()
                + "' for topic template '" + template + "'");
        }
        String problem = MqttTopics.problem(topic);
        if (problem != null) {
            throw new UnpublishableRecordException("Invalid MQTT topic from template '" + template + "': " + problem);
        }
        return topic;
    }

    private byte[] payload(SinkRecord record) {
        Object value = record.value();
        return switch (config.format()) {
            case JSON -> value instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : value instanceof byte[] || value instanceof ByteBuffer ? bytes(value) : json.write(value);
            case BYTES -> {
                if (value instanceof String s) {
                    yield s.getBytes(StandardCharsets.UTF_8);
                }
                if (!(value instanceof byte[] || value instanceof ByteBuffer)) {
                    throw new UnpublishableRecordException("A " + kind(value) + " value cannot be sent as raw bytes ("
                        + MessageConfig.PAYLOAD_FORMAT_CONFIG + "=" + PayloadFormat.BYTES.name().toLowerCase()
                        + "): use json or a byte/string converter");
                }
                yield bytes(value);
            }
            case FIELD -> field(value);
        };
    }

    private byte[] field(Object value) {
        Object field = config.payloadField().get(value);
        if (field == null) {
            throw new UnpublishableRecordException("The value has no field '" + config.payloadField()
                + "' to send as the payload");
        }
        if (field instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return field instanceof byte[] || field instanceof ByteBuffer ? bytes(field) : json.write(field);
    }

    private int qos(SinkRecord record) {
        if (config.qosVariable() == null) {
            return config.qos();
        }
        Object value = fields.resolve(config.qosVariable(), record);
        if (value == null) {
            return config.qos();
        }
        String text = RecordFields.text(value).trim();
        return switch (text) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            default -> throw new UnpublishableRecordException("QoS '" + text + "' from '" + config.qosVariable()
                + "' is not 0, 1 or 2");
        };
    }

    private boolean retain(SinkRecord record) {
        if (config.retainVariable() == null) {
            return config.retain();
        }
        Object value = fields.resolve(config.retainVariable(), record);
        if (value == null) {
            return config.retain();
        }
        String text = RecordFields.text(value).trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new UnpublishableRecordException("Retain flag '" + text + "' from '" + config.retainVariable()
            + "' is not true or false");
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static String kind(Object value) {
        return value instanceof org.apache.kafka.connect.data.Struct ? "Struct"
            : value instanceof java.util.Map ? "Map" : value.getClass().getSimpleName();
    }
}
