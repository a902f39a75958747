package io.tsconnect.mqtt.config;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;

import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.config.ConfigValues;
import io.tsconnect.mqtt.KafkaTopicNames;

/**
 * Config fragment for {@code value.format=sparkplug_b}: the record shape, the state topic and rebirth requests.
 *
 * @param output one record per metric or per message
 * @param stateTopic the Kafka topic of online/offline records, or {@code null} for none
 * @param rebirthEnabled whether the task asks edge nodes for a rebirth
 * @param rebirthMinInterval the least time between two rebirth requests to one edge node
 */
public record SparkplugConfig(SparkplugOutput output, String stateTopic, boolean rebirthEnabled,
                              Duration rebirthMinInterval) {
    public static final String OUTPUT_CONFIG = "sparkplug.output";
    public static final String OUTPUT_DOC = "With value.format=sparkplug_b: metric writes one record per metric "
        + "{group, edge_node, device, metric, datatype, message_type, timestamp, value, value_long, value_bool, "
        + "value_text, is_null, is_historical, is_transient, properties}, a fixed schema that the QuestDB and "
        + "RedisTimeSeries sinks take as is (value is float64 for every number, boolean and DateTime; arrays, "
        + "DataSets and Templates are JSON in value_text); message writes one record per message {group, "
        + "edge_node, device, message_type, seq, timestamp, metrics: {<name>: typed value}, metric_timestamps: "
        + "{<name>: epoch ms}, metric_properties: {<name>: JSON} or null} with arrays as arrays and DataSets/Templates "
        + "as nested Structs. Either way the key is <group>/<edge node>[/<device>] "
        + "(none with key.mode=none) and the Kafka topic comes from kafka.topic/kafka.topic.routes.";
    public static final String OUTPUT_DISPLAY = "Sparkplug record shape";

    public static final String STATE_TOPIC_CONFIG = "sparkplug.state.topic";
    public static final String STATE_TOPIC_DOC = "Kafka topic for online/offline records {group, edge_node, device, "
        + "host_id, state, message_type, timestamp, bd_seq}: NBIRTH/DBIRTH (ONLINE), NDEATH/DDEATH (OFFLINE; an "
        + "NDEATH whose bdSeq is not that of the edge node's last NBIRTH is stale and ignored) and host "
        + "applications' STATE messages. Empty: no state records.";
    public static final String STATE_TOPIC_DISPLAY = "Sparkplug state topic";

    public static final String REBIRTH_CONFIG = "sparkplug.rebirth.enabled";
    public static final String REBIRTH_DOC = "Publish an NCMD 'Node Control/Rebirth' to an edge node when its "
        + "sequence numbers show lost messages, a DATA message uses an alias no birth declared, or data comes "
        + "before any birth the task has seen. Needs publish rights on spBv1.0/+/NCMD/+. Either way such problems "
        + "are counted in the task metrics, metrics that cannot be named are skipped, and the task goes on.";
    public static final String REBIRTH_DISPLAY = "Request rebirths";

    public static final String REBIRTH_INTERVAL_CONFIG = "sparkplug.rebirth.min.interval.ms";
    public static final String REBIRTH_INTERVAL_DOC = "The least time between two rebirth requests to one edge node.";
    public static final long REBIRTH_INTERVAL_DEFAULT = 30_000L;
    public static final String REBIRTH_INTERVAL_DISPLAY = "Min rebirth interval (ms)";

    /** Adds the Sparkplug keys to {@code def}. */
    public static ConfigDef update(ConfigDef def) {
        ConfigGroup.of(def, "Sparkplug B")
            .define(OUTPUT_CONFIG, Type.STRING, "metric", SparkplugOutput.VALIDATOR, Importance.MEDIUM, OUTPUT_DOC,
                Width.SHORT, OUTPUT_DISPLAY, SparkplugOutput.RECOMMENDER)
            .define(STATE_TOPIC_CONFIG, Type.STRING, "", Importance.MEDIUM, STATE_TOPIC_DOC, Width.MEDIUM,
                STATE_TOPIC_DISPLAY)
            .define(REBIRTH_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, REBIRTH_DOC, Width.SHORT,
                REBIRTH_DISPLAY)
            .define(REBIRTH_INTERVAL_CONFIG, Type.LONG, REBIRTH_INTERVAL_DEFAULT, Range.between(0, 86_400_000L),
                Importance.LOW, REBIRTH_INTERVAL_DOC, Width.SHORT, REBIRTH_INTERVAL_DISPLAY);
        return def;
    }

    /** Reads the fragment. */
    public static SparkplugConfig from(AbstractConfig config) {
        String state = config.getString(STATE_TOPIC_CONFIG);
        return new SparkplugConfig(SparkplugOutput.parse(OUTPUT_CONFIG, config.getString(OUTPUT_CONFIG)),
            state == null || state.isBlank() ? null : state.trim(), config.getBoolean(REBIRTH_CONFIG),
            Duration.ofMillis(config.getLong(REBIRTH_INTERVAL_CONFIG)));
    }

    /**
     * Attaches errors: a state topic Kafka cannot name; with sparkplug_b, a shared subscription (it would spread
     * one edge node's messages over tasks, each seeing sequence gaps and missing births) or raw parse errors
     * (bytes would mix into the metric records; the errors topic keeps them instead).
     */
    public static void validate(Map<String, ConfigValue> values, String sharedGroupKey) {
        Object state = values.get(STATE_TOPIC_CONFIG).value();
        if (state instanceof String s && !s.isBlank() && !KafkaTopicNames.isLegal(s.trim())) {
            ConfigValues.addError(values, STATE_TOPIC_CONFIG, "'" + s.trim() + "' is not a legal Kafka topic name");
        }
        if (!"sparkplug_b".equalsIgnoreCase(String.valueOf(values.get(RecordConfig.VALUE_FORMAT_CONFIG).value()))) {
            return;
        }
        Object group = values.get(sharedGroupKey).value();
        if (group instanceof String g && !g.isBlank()) {
            ConfigValues.addError(values, sharedGroupKey, "value.format=sparkplug_b needs every message of an edge "
                + "node in one task (sequence numbers and aliases are per edge node): split the filters over "
                + "tasks instead of sharing them");
        }
        if ("raw".equalsIgnoreCase(String.valueOf(values.get(RecordConfig.PARSE_ERROR_CONFIG).value()))) {
            ConfigValues.addError(values, RecordConfig.PARSE_ERROR_CONFIG, "value.format=sparkplug_b takes "
                + "value.parse.error.mode=fail; use errors.tolerance=all with value.parse.errors.topic to keep "
                + "payloads that do not decode");
        }
    }
}
