package io.tsconnect.mqtt.sink.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

import io.tsconnect.common.Template;
import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.config.ConfigValues;
import io.tsconnect.common.record.FieldPath;
import io.tsconnect.mqtt.sink.MqttTopics;
import io.tsconnect.mqtt.sink.RecordFields;

/**
 * Config fragment for how a record becomes an MQTT message: topic, payload, QoS, retain, tombstones and the MQTT 5
 * properties taken from headers.
 *
 * @param topic the topic template
 * @param qos the QoS of records that do not name one
 * @param qosVariable where a record names its QoS ({@link RecordFields} syntax), or {@code null}
 * @param retain the retain flag of records that do not name one
 * @param retainVariable where a record names its retain flag, or {@code null}
 * @param format what the value becomes
 * @param payloadField the field sent with {@link PayloadFormat#FIELD}, or {@code null}
 * @param nullValues what a tombstone does
 * @param propertyHeaderPrefix the prefix of the headers carrying MQTT 5 properties
 * @param userPropertyHeaders headers sent as MQTT 5 user properties; {@code *} sends every other header
 * @param messageExpirySeconds the MQTT 5 message expiry of records without an expiry header; 0 for none
 */
public record MessageConfig(Template topic, int qos, String qosVariable, boolean retain, String retainVariable,
                            PayloadFormat format, FieldPath payloadField, NullValueBehavior nullValues,
                            String propertyHeaderPrefix, List<String> userPropertyHeaders,
                            long messageExpirySeconds) {
    public static final String GROUP = "Messages";
    public static final String PROPERTIES_GROUP = "MQTT 5 properties";

    public static final String TOPIC_CONFIG = "mqtt.topic";
    public static final String TOPIC_DOC = "The MQTT topic of each message: a fixed topic, or a template with "
        + "${topic} (the Kafka topic), ${partition}, ${key}, ${key.<path>}, ${header.<name>} and value fields by "
        + "dotted path (e.g. devices/${location}/${device}/alerts). For a tombstone, field paths are looked up in "
        + "the record key. A record whose topic cannot be made (a missing or empty variable, a + or # wildcard, a "
        + "leading $, more than 65,535 bytes) goes to the dead letter queue with the reason, never published.";
    public static final String TOPIC_DEFAULT = "${topic}";
    public static final String TOPIC_DISPLAY = "MQTT topic (template)";

    public static final String QOS_CONFIG = "mqtt.qos";
    public static final String QOS_DOC = "QoS of the published messages. At 1 and 2 a record's offset is committed "
        + "only after the broker acknowledged its PUBLISH (PUBACK, PUBCOMP); at 0 once the client has written it "
        + "to the connection, so messages in flight when the connection drops can be lost.";
    public static final int QOS_DEFAULT = 1;
    public static final String QOS_DISPLAY = "QoS";

    public static final String QOS_FIELD_CONFIG = "mqtt.qos.field";
    public static final String QOS_FIELD_DOC = "Where a record may name its own QoS: a value field path (e.g. qos), "
        + "key.<path> or header.<name>. Records without it use mqtt.qos; a value other than 0, 1 or 2 sends the "
        + "record to the dead letter queue. Empty: every record uses mqtt.qos.";
    public static final String QOS_FIELD_DISPLAY = "QoS field";

    public static final String RETAIN_CONFIG = "mqtt.retain";
    public static final String RETAIN_DOC = "Publish with the retain flag, so the broker keeps the last message of "
        + "each topic for clients that subscribe later (e.g. setpoints).";
    public static final String RETAIN_DISPLAY = "Retain";

    public static final String RETAIN_FIELD_CONFIG = "mqtt.retain.field";
    public static final String RETAIN_FIELD_DOC = "Where a record may set its own retain flag (true/false): a value "
        + "field path, key.<path> or header.<name>. Records without it use mqtt.retain.";
    public static final String RETAIN_FIELD_DISPLAY = "Retain field";

    public static final String PAYLOAD_FORMAT_CONFIG = "payload.format";
    public static final String PAYLOAD_FORMAT_DOC = "The MQTT payload: json writes Struct, Map, List and primitive "
        + "values as JSON (a String value is taken to be JSON text already, bytes are sent as they are); bytes "
        + "sends byte[] or String values as they are (use it with ByteArrayConverter or StringConverter); field "
        + "sends payload.field: bytes and text as they are, anything else as JSON. A value that cannot be sent so "
        + "goes to the dead letter queue.";
    public static final String PAYLOAD_FORMAT_DEFAULT = "json";
    public static final String PAYLOAD_FORMAT_DISPLAY = "Payload format";

    public static final String PAYLOAD_FIELD_CONFIG = "payload.field";
    public static final String PAYLOAD_FIELD_DOC = "The value field (dotted path) sent as the payload when "
        + "payload.format is field.";
    public static final String PAYLOAD_FIELD_DISPLAY = "Payload field";

    public static final String NULL_VALUES_CONFIG = "behavior.on.null.values";
    public static final String NULL_VALUES_DOC = "What a tombstone (null value) does: ignore skips it; "
        + "clear_retained publishes an empty retained message to its topic, which deletes the message the broker "
        + "retains there; fail sends it to the dead letter queue.";
    public static final String NULL_VALUES_DEFAULT = "ignore";
    public static final String NULL_VALUES_DISPLAY = "Tombstones";

    public static final String PROPERTY_HEADER_PREFIX_CONFIG = "mqtt.properties.header.prefix";
    public static final String PROPERTY_HEADER_PREFIX_DOC = "MQTT 5 properties come from the headers "
        + "<prefix>message.expiry.interval (seconds), <prefix>content.type, <prefix>response.topic and "
        + "<prefix>correlation.data (bytes or text), the names the MQTT source connector writes. A property "
        + "header that cannot be read sends the record to the dead letter queue.";
    public static final String PROPERTY_HEADER_PREFIX_DEFAULT = "mqtt.";
    public static final String PROPERTY_HEADER_PREFIX_DISPLAY = "Property header prefix";

    public static final String USER_PROPERTIES_CONFIG = "mqtt.user.properties.headers";
    public static final String USER_PROPERTIES_DOC = "Headers sent as MQTT 5 user properties (name and value as "
        + "text). * sends every header except the property headers above. Empty: none.";
    public static final String USER_PROPERTIES_DISPLAY = "User property headers";

    public static final String MESSAGE_EXPIRY_CONFIG = "mqtt.message.expiry.seconds";
    public static final String MESSAGE_EXPIRY_DOC = "MQTT 5 message expiry of records without the expiry header: "
        + "the broker drops a message not delivered within this time (stale alerts and commands). 0: none.";
    public static final String MESSAGE_EXPIRY_DISPLAY = "Message expiry (s)";

    /** Adds the keys of this fragment to {@code def}. */
    public static void update(ConfigDef def) {
        ConfigGroup.of(def, GROUP)
            .define(TOPIC_CONFIG, Type.STRING, TOPIC_DEFAULT, TOPIC_VALIDATOR, Importance.HIGH, TOPIC_DOC,
                Width.LONG, TOPIC_DISPLAY)
            .define(QOS_CONFIG, Type.INT, QOS_DEFAULT, Range.between(0, 2), Importance.HIGH, QOS_DOC, Width.SHORT,
                QOS_DISPLAY)
            .define(QOS_FIELD_CONFIG, Type.STRING, null, VARIABLE_VALIDATOR, Importance.LOW, QOS_FIELD_DOC,
                Width.MEDIUM, QOS_FIELD_DISPLAY)
            .define(RETAIN_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, RETAIN_DOC, Width.SHORT, RETAIN_DISPLAY)
            .define(RETAIN_FIELD_CONFIG, Type.STRING, null, VARIABLE_VALIDATOR, Importance.LOW, RETAIN_FIELD_DOC,
                Width.MEDIUM, RETAIN_FIELD_DISPLAY)
            .define(PAYLOAD_FORMAT_CONFIG, Type.STRING, PAYLOAD_FORMAT_DEFAULT, PayloadFormat.VALIDATOR,
                Importance.HIGH, PAYLOAD_FORMAT_DOC, Width.SHORT, PAYLOAD_FORMAT_DISPLAY, PayloadFormat.RECOMMENDER)
            .define(PAYLOAD_FIELD_CONFIG, Type.STRING, null, VARIABLE_VALIDATOR, Importance.MEDIUM,
                PAYLOAD_FIELD_DOC, Width.MEDIUM, PAYLOAD_FIELD_DISPLAY)
            .define(NULL_VALUES_CONFIG, Type.STRING, NULL_VALUES_DEFAULT, NullValueBehavior.VALIDATOR,
                Importance.MEDIUM, NULL_VALUES_DOC, Width.SHORT, NULL_VALUES_DISPLAY, NullValueBehavior.RECOMMENDER);
        ConfigGroup.of(def, PROPERTIES_GROUP)
            .define(PROPERTY_HEADER_PREFIX_CONFIG, Type.STRING, PROPERTY_HEADER_PREFIX_DEFAULT, Importance.LOW,
                PROPERTY_HEADER_PREFIX_DOC, Width.SHORT, PROPERTY_HEADER_PREFIX_DISPLAY)
            .define(USER_PROPERTIES_CONFIG, Type.LIST, "", Importance.LOW, USER_PROPERTIES_DOC, Width.LONG,
                USER_PROPERTIES_DISPLAY)
            .define(MESSAGE_EXPIRY_CONFIG, Type.LONG, 0L, Range.between(0, 4_294_967_295L), Importance.LOW,
                MESSAGE_EXPIRY_DOC, Width.SHORT, MESSAGE_EXPIRY_DISPLAY);
    }

    /** Reads the fragment. */
    public static MessageConfig from(AbstractConfig c) {
        String field = blankToNull(c.getString(PAYLOAD_FIELD_CONFIG));
        return new MessageConfig(Template.parse(c.getString(TOPIC_CONFIG).trim()), c.getInt(QOS_CONFIG),
            blankToNull(c.getString(QOS_FIELD_CONFIG)), c.getBoolean(RETAIN_CONFIG),
            blankToNull(c.getString(RETAIN_FIELD_CONFIG)),
            PayloadFormat.parse(PAYLOAD_FORMAT_CONFIG, c.getString(PAYLOAD_FORMAT_CONFIG)),
            field == null ? null : FieldPath.parse(field),
            NullValueBehavior.parse(NULL_VALUES_CONFIG, c.getString(NULL_VALUES_CONFIG)),
            c.getString(PROPERTY_HEADER_PREFIX_CONFIG), List.copyOf(c.getList(USER_PROPERTIES_CONFIG)),
            c.getLong(MESSAGE_EXPIRY_CONFIG));
    }

    /** Attaches cross-field errors: a field payload without a field, MQTT 5 properties on MQTT 3.1.1. */
    public static void validate(Map<String, ConfigValue> values, boolean mqtt5) {
        Object format = values.get(PAYLOAD_FORMAT_CONFIG).value();
        if ("field".equalsIgnoreCase(String.valueOf(format))
            && blankToNull((String) values.get(PAYLOAD_FIELD_CONFIG).value()) == null) {
            ConfigValues.addError(values, PAYLOAD_FIELD_CONFIG, PAYLOAD_FIELD_CONFIG + " is required when "
                + PAYLOAD_FORMAT_CONFIG + " is field");
        }
        if (!mqtt5) {
            if (values.get(USER_PROPERTIES_CONFIG).value() instanceof List<?> list && !list.isEmpty()) {
                ConfigValues.addError(values, USER_PROPERTIES_CONFIG, "User properties need mqtt.version 5");
            }
            if (values.get(MESSAGE_EXPIRY_CONFIG).value() instanceof Long expiry && expiry > 0) {
                ConfigValues.addError(values, MESSAGE_EXPIRY_CONFIG, "Message expiry needs mqtt.version 5");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A topic template whose literal text can be part of an MQTT topic and whose variables can be resolved. */
    public static final ConfigDef.Validator TOPIC_VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            try {
                Template template = Template.parse(text);
                String problem = MqttTopics.templateProblem(template);
                if (problem != null) {
                    throw new ConfigException(name, value, problem);
                }
                template.variables().forEach(RecordFields::check);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "an MQTT topic (no + or # wildcards, not starting with $) with optional ${...} placeholders";
        }
    };

    /** A record variable as {@link RecordFields} resolves it; {@code null} or empty passes. */
    public static final ConfigDef.Validator VARIABLE_VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !value.toString().isBlank()) {
                try {
                    RecordFields.check(value.toString().trim());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "a value field path, key, key.<path> or header.<name>";
        }
    };
}
