package io.tsconnect.mqtt;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;

import io.tsconnect.common.Template;
import io.tsconnect.mqtt.config.KeyMode;
import io.tsconnect.mqtt.config.ParseErrorMode;
import io.tsconnect.mqtt.config.RecordConfig;
import io.tsconnect.mqtt.config.TimestampMode;
import io.tsconnect.mqtt.config.ValueFormat;

/** Turns an {@link InboundMessage} into the record {@code poll()} returns, as the {@link RecordConfig} says. */
public final class RecordMapper {
    private static final SchemaAndValue NULL_BYTES = new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, null);

    private final RecordConfig config;
    private final Map<String, ?> partition;
    private final Map<String, ?> offset;

    /**
     * @param config the record settings
     * @param offset the task's session offset, attached to every record
     */
    public RecordMapper(RecordConfig config, SessionOffset offset) {
        this.config = config;
        this.partition = SessionOffset.partition(offset.clientId());
        this.offset = offset.toMap();
    }

    /**
     * @throws UnmappableMessageException when the payload does not parse (and raw is not configured) or no Kafka
     *     topic applies
     */
    public MqttSourceRecord map(InboundMessage message) {
        String topic = config.topics().kafkaTopic(message.topic());
        ConnectHeaders headers = headers(message);
        SchemaAndValue value = value(message, headers);
        Object payload = value.value();
        String key = key(message, payload);
        return new MqttSourceRecord(message, partition, offset, topic,
            config.keyMode() == KeyMode.NONE ? null : Schema.OPTIONAL_STRING_SCHEMA, key,
            value.schema(), value.value(), timestamp(message, payload), headers);
    }

    /** A record for the parse-errors topic: the raw payload, the MQTT headers and the error. */
    public MqttSourceRecord errorRecord(InboundMessage message, String errorsTopic, Exception error) {
        ConnectHeaders headers = headers(message);
        headers.addString(config.headerPrefix() + "error", error.getMessage());
        return new MqttSourceRecord(message, partition, offset, errorsTopic, Schema.OPTIONAL_STRING_SCHEMA,
            message.topic(), Schema.OPTIONAL_BYTES_SCHEMA, message.payload(), message.arrivalMs(), headers);
    }

    private SchemaAndValue value(InboundMessage message, ConnectHeaders headers) {
        ValueFormat format = config.valueFormat();
        if (message.payload().length == 0) {
            return switch (format) {
                case STRING, JSON -> new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, null);
                case JSON_MAP -> SchemaAndValue.NULL;
                case BYTES, SPARKPLUG_B -> new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, message.payload());
            };
        }
        try {
            return switch (format) {
                // sparkplug_b messages are mapped by SparkplugMapper; bytes is what they are otherwise
                case BYTES, SPARKPLUG_B -> new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, message.payload());
                case STRING -> new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, message.payloadText());
                case JSON -> JsonPayloads.toStruct(message.payload());
                case JSON_MAP -> new SchemaAndValue(null, JsonPayloads.toSchemaless(message.payload()));
            };
        } catch (UnmappableMessageException e) {
            if (config.parseErrorMode() != ParseErrorMode.RAW) {
                throw new UnmappableMessageException("Cannot parse the payload of a message on MQTT topic '"
                    + message.topic() + "': " + e.getMessage(), e);
            }
            if (config.headersEnabled()) {
                headers.addString(config.headerPrefix() + "parse.error", e.getMessage());
            }
            return message.payload().length == 0 ? NULL_BYTES
                : new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, message.payload());
        }
    }

    private String key(InboundMessage message, Object value) {
        return switch (config.keyMode()) {
            case TOPIC -> message.topic();
            case NONE -> null;
            case FIELD -> {
                Object field = config.keyField().get(value);
                yield field == null ? null : String.valueOf(field);
            }
            case TEMPLATE -> {
                try {
                    yield config.keyTemplate().render(message.topic());
                } catch (Template.MissingVariableException e) {
                    throw new UnmappableMessageException("MQTT topic '" + message.topic() + "' has too few levels "
                        + "for key template '" + config.keyTemplate() + "'");
                }
            }
        };
    }

    private Long timestamp(InboundMessage message, Object value) {
        if (config.timestampMode() == TimestampMode.FIELD) {
            Object field = config.timestampField().get(value);
            if (field instanceof Number n) {
                return n.longValue();
            }
            if (field instanceof String s) {
                try {
                    return Instant.parse(s).toEpochMilli();
                } catch (DateTimeParseException e) {
                    try {
                        return Long.parseLong(s.trim());
                    } catch (NumberFormatException ignored) {
                        // neither ISO-8601 nor epoch millis: arrival time, as documented
                    }
                }
            }
        }
        return message.arrivalMs();
    }

    /** The MQTT headers of a record of {@code message} (none when headers are off). */
    public ConnectHeaders headers(InboundMessage message) {
        ConnectHeaders headers = new ConnectHeaders();
        if (!config.headersEnabled()) {
            return headers;
        }
        String p = config.headerPrefix();
        headers.addString(p + "topic", message.topic());
        headers.addInt(p + "qos", message.qos());
        headers.addBoolean(p + "retain", message.retain());
        if (message.contentType() != null) {
            headers.addString(p + "content.type", message.contentType());
        }
        if (message.responseTopic() != null) {
            headers.addString(p + "response.topic", message.responseTopic());
        }
        if (message.correlationData() != null) {
            headers.addBytes(p + "correlation.data", message.correlationData());
        }
        for (Map.Entry<String, String> property : message.userProperties()) {
            headers.addString(property.getKey(), property.getValue());
        }
        return headers;
    }
}
