package io.tsconnect.mqtt.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;

import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.record.FieldPath;
import io.tsconnect.mqtt.KafkaTopicNames;
import io.tsconnect.mqtt.TopicMapper;
import io.tsconnect.mqtt.TopicRoute;
import io.tsconnect.mqtt.TopicTemplate;

/**
 * Config fragment for how an MQTT message becomes a Kafka record: topic, key, value, headers and timestamp.
 *
 * @param topics the Kafka topic mapping
 * @param keyMode where the key comes from
 * @param keyTemplate the key template for {@link KeyMode#TEMPLATE}
 * @param keyField the payload field for {@link KeyMode#FIELD}
 * @param valueFormat how the payload is converted
 * @param parseErrorMode what to do with payloads that do not parse
 * @param errorsTopic where unparseable messages go when errors are tolerated; {@code null} to skip them
 * @param headersEnabled whether MQTT metadata becomes record headers
 * @param headerPrefix the prefix of the connector's own header names
 * @param timestampMode where the timestamp comes from
 * @param timestampField the payload field for {@link TimestampMode#FIELD}
 */
public record RecordConfig(TopicMapper topics, KeyMode keyMode, TopicTemplate keyTemplate, FieldPath keyField,
                           ValueFormat valueFormat, ParseErrorMode parseErrorMode, String errorsTopic,
                           boolean headersEnabled, String headerPrefix, TimestampMode timestampMode,
                           FieldPath timestampField) {
    public static final String TOPIC_CONFIG = "kafka.topic";
    public static final String TOPIC_DOC = "Kafka topic for messages no route takes: a fixed name, or a template over "
        + "the MQTT topic levels (${1} is the first level, ${topic} the whole topic), e.g. iot.${2}. Outside the "
        + "placeholders only characters Kafka allows; in what a placeholder renders, / becomes '.' and other "
        + "characters Kafka does not allow become '_'.";
    public static final String TOPIC_DISPLAY = "Kafka topic";

    public static final String ROUTES_CONFIG = "kafka.topic.routes";
    public static final String ROUTES_DOC = "Ordered routes <MQTT filter>=<Kafka topic template>; the first whose "
        + "filter matches the message topic wins, e.g. devices/+/+/temp=temperatures,devices/#=iot.${2}. Messages no "
        + "route matches go to kafka.topic; without it they take the error path like unparseable payloads.";
    public static final String ROUTES_DISPLAY = "Topic routes";

    public static final String KEY_MODE_CONFIG = "key.mode";
    public static final String KEY_MODE_DOC = "Record key (a string): topic (the MQTT topic), template (key.template), "
        + "field (key.field of a JSON payload) or none.";
    public static final String KEY_MODE_DISPLAY = "Key";

    public static final String KEY_TEMPLATE_CONFIG = "key.template";
    public static final String KEY_TEMPLATE_DOC = "Key template over MQTT topic levels for key.mode=template, e.g. ${2}.";
    public static final String KEY_TEMPLATE_DISPLAY = "Key template";

    public static final String KEY_FIELD_CONFIG = "key.field";
    public static final String KEY_FIELD_DOC = "Dotted path of the payload field used as key for key.mode=field "
        + "(needs value.format json or json_map). A message without it gets a null key.";
    public static final String KEY_FIELD_DISPLAY = "Key field";

    public static final String VALUE_FORMAT_CONFIG = "value.format";
    public static final String VALUE_FORMAT_DOC = "Record value: bytes (the payload as is), string (UTF-8 text), json "
        + "(a Struct whose schema is inferred from each payload), json_map (schemaless Map, what converters with "
        + "schemas disabled expect) or sparkplug_b (Eclipse Sparkplug B protobuf on spBv1.0/# topics, decoded "
        + "into typed metric records with births, aliases and sequence checks: see the sparkplug.* keys). An "
        + "empty payload becomes a null value.";
    public static final String VALUE_FORMAT_DISPLAY = "Value format";

    public static final String PARSE_ERROR_CONFIG = "value.parse.error.mode";
    public static final String PARSE_ERROR_DOC = "A payload that is not valid JSON (or Sparkplug B): fail sends it down the error path "
        + "(errors.tolerance=none fails the task without acknowledging the message; errors.tolerance=all writes it "
        + "to value.parse.errors.topic or, without one, logs and skips it); raw keeps the payload bytes as value "
        + "(not with sparkplug_b).";
    public static final String PARSE_ERROR_DISPLAY = "On parse error";

    public static final String ERRORS_TOPIC_CONFIG = "value.parse.errors.topic";
    public static final String ERRORS_TOPIC_DOC = "With errors.tolerance=all, the Kafka topic that receives messages "
        + "that could not be parsed or routed, payload as bytes, with headers naming the MQTT topic and the error.";
    public static final String ERRORS_TOPIC_DISPLAY = "Parse errors topic";

    public static final String HEADERS_CONFIG = "headers.enabled";
    public static final String HEADERS_DOC = "Add headers <prefix>topic, <prefix>qos, <prefix>retain and, with MQTT 5, "
        + "<prefix>content.type, <prefix>response.topic, <prefix>correlation.data and every user property "
        + "(under its own name).";
    public static final String HEADERS_DISPLAY = "Headers";

    public static final String HEADER_PREFIX_CONFIG = "headers.prefix";
    public static final String HEADER_PREFIX_DOC = "Prefix of the connector's header names (not of user properties).";
    public static final String HEADER_PREFIX_DEFAULT = "mqtt.";
    public static final String HEADER_PREFIX_DISPLAY = "Header prefix";

    public static final String TIMESTAMP_MODE_CONFIG = "timestamp.mode";
    public static final String TIMESTAMP_MODE_DOC = "Record timestamp: arrival (when the task received the message) or "
        + "field (timestamp.field of a JSON payload: epoch milliseconds or ISO-8601 text; arrival when absent).";
    public static final String TIMESTAMP_MODE_DISPLAY = "Timestamp";

    public static final String TIMESTAMP_FIELD_CONFIG = "timestamp.field";
    public static final String TIMESTAMP_FIELD_DOC = "Dotted path of the payload timestamp for timestamp.mode=field.";
    public static final String TIMESTAMP_FIELD_DISPLAY = "Timestamp field";

    /** Adds the record keys to {@code def}. */
    public static ConfigDef update(ConfigDef def) {
        ConfigGroup.of(def, "Kafka topic")
            .define(TOPIC_CONFIG, Type.STRING, null, TopicTemplate.KAFKA_TOPIC_VALIDATOR, Importance.HIGH, TOPIC_DOC,
                Width.MEDIUM, TOPIC_DISPLAY)
            .define(ROUTES_CONFIG, Type.LIST, List.of(), TopicRoute.VALIDATOR, Importance.MEDIUM, ROUTES_DOC,
                Width.LONG, ROUTES_DISPLAY);
        ConfigGroup.of(def, "Records")
            .define(KEY_MODE_CONFIG, Type.STRING, "topic", KeyMode.VALIDATOR, Importance.MEDIUM, KEY_MODE_DOC,
                Width.SHORT, KEY_MODE_DISPLAY, KeyMode.RECOMMENDER)
            .define(KEY_TEMPLATE_CONFIG, Type.STRING, null, TopicTemplate.VALIDATOR, Importance.LOW, KEY_TEMPLATE_DOC,
                Width.MEDIUM, KEY_TEMPLATE_DISPLAY)
            .define(KEY_FIELD_CONFIG, Type.STRING, null, Importance.LOW, KEY_FIELD_DOC, Width.MEDIUM,
                KEY_FIELD_DISPLAY)
            .define(VALUE_FORMAT_CONFIG, Type.STRING, "bytes", ValueFormat.VALIDATOR, Importance.HIGH,
                VALUE_FORMAT_DOC, Width.SHORT, VALUE_FORMAT_DISPLAY, ValueFormat.RECOMMENDER)
            .define(PARSE_ERROR_CONFIG, Type.STRING, "fail", ParseErrorMode.VALIDATOR, Importance.MEDIUM,
                PARSE_ERROR_DOC, Width.SHORT, PARSE_ERROR_DISPLAY, ParseErrorMode.RECOMMENDER)
            .define(ERRORS_TOPIC_CONFIG, Type.STRING, null, Importance.MEDIUM, ERRORS_TOPIC_DOC, Width.MEDIUM,
                ERRORS_TOPIC_DISPLAY)
            .define(HEADERS_CONFIG, Type.BOOLEAN, true, Importance.LOW, HEADERS_DOC, Width.SHORT, HEADERS_DISPLAY)
            .define(HEADER_PREFIX_CONFIG, Type.STRING, HEADER_PREFIX_DEFAULT, Importance.LOW, HEADER_PREFIX_DOC,
                Width.SHORT, HEADER_PREFIX_DISPLAY)
            .define(TIMESTAMP_MODE_CONFIG, Type.STRING, "arrival", TimestampMode.VALIDATOR, Importance.LOW,
                TIMESTAMP_MODE_DOC, Width.SHORT, TIMESTAMP_MODE_DISPLAY, TimestampMode.RECOMMENDER)
            .define(TIMESTAMP_FIELD_CONFIG, Type.STRING, null, Importance.LOW, TIMESTAMP_FIELD_DOC, Width.MEDIUM,
                TIMESTAMP_FIELD_DISPLAY);
        return def;
    }

    /** Reads the fragment. */
    public static RecordConfig from(AbstractConfig config) {
        String topic = blankToNull(config.getString(TOPIC_CONFIG));
        List<TopicRoute> routes = config.getList(ROUTES_CONFIG).stream().map(TopicRoute::parse).toList();
        return new RecordConfig(new TopicMapper(routes, topic == null ? null : TopicTemplate.parse(topic)),
            KeyMode.parse(KEY_MODE_CONFIG, config.getString(KEY_MODE_CONFIG)),
            template(config.getString(KEY_TEMPLATE_CONFIG)), path(config.getString(KEY_FIELD_CONFIG)),
            ValueFormat.parse(VALUE_FORMAT_CONFIG, config.getString(VALUE_FORMAT_CONFIG)),
            ParseErrorMode.parse(PARSE_ERROR_CONFIG, config.getString(PARSE_ERROR_CONFIG)),
            blankToNull(config.getString(ERRORS_TOPIC_CONFIG)), config.getBoolean(HEADERS_CONFIG),
            config.getString(HEADER_PREFIX_CONFIG),
            TimestampMode.parse(TIMESTAMP_MODE_CONFIG, config.getString(TIMESTAMP_MODE_CONFIG)),
            path(config.getString(TIMESTAMP_FIELD_CONFIG)));
    }

    /** Attaches cross-field errors (a key one mode needs, a field path without a JSON value) to their keys. */
    public static void validate(Map<String, ConfigValue> values) {
        boolean hasTopic = present(values, TOPIC_CONFIG);
        Object routes = values.get(ROUTES_CONFIG).value();
        if (!hasTopic && (!(routes instanceof List<?> list) || list.isEmpty())) {
            error(values, TOPIC_CONFIG, "Set kafka.topic, kafka.topic.routes or both");
        }
        boolean json = String.valueOf(values.get(VALUE_FORMAT_CONFIG).value()).toLowerCase(Locale.ROOT).startsWith("json");
        requireFor(values, KEY_MODE_CONFIG, "template", KEY_TEMPLATE_CONFIG, true);
        requireFor(values, KEY_MODE_CONFIG, "field", KEY_FIELD_CONFIG, json);
        requireFor(values, TIMESTAMP_MODE_CONFIG, "field", TIMESTAMP_FIELD_CONFIG, json);
        checkPath(values, KEY_FIELD_CONFIG);
        checkPath(values, TIMESTAMP_FIELD_CONFIG);
        if (present(values, ERRORS_TOPIC_CONFIG)) {
            String topic = ((String) values.get(ERRORS_TOPIC_CONFIG).value()).trim();
            if (!KafkaTopicNames.isLegal(topic)) {
                error(values, ERRORS_TOPIC_CONFIG, "'" + topic + "' is not a legal Kafka topic name");
            }
        }
    }

    private static void requireFor(Map<String, ConfigValue> values, String modeKey, String mode, String key,
                                   boolean json) {
        if (!mode.equalsIgnoreCase(String.valueOf(values.get(modeKey).value()))) {
            return;
        }
        if (!present(values, key)) {
            error(values, key, key + " is required when " + modeKey + "=" + mode);
        } else if (!json) {
            error(values, key, key + " reads a JSON payload: set value.format to json or json_map");
        }
    }

    private static void checkPath(Map<String, ConfigValue> values, String key) {
        if (present(values, key)) {
            try {
                FieldPath.parse((String) values.get(key).value());
            } catch (IllegalArgumentException e) {
                error(values, key, e.getMessage());
            }
        }
    }

    private static boolean present(Map<String, ConfigValue> values, String key) {
        ConfigValue value = values.get(key);
        return value != null && value.value() instanceof String s && !s.isBlank();
    }

    private static void error(Map<String, ConfigValue> values, String key, String message) {
        values.get(key).addErrorMessage(message);
    }

    private static TopicTemplate template(String value) {
        return blankToNull(value) == null ? null : TopicTemplate.parse(value);
    }

    private static FieldPath path(String value) {
        return blankToNull(value) == null ? null : FieldPath.parse(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
