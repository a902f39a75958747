package io.tsconnect.questdb.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-topic overrides of the table, the symbol columns and the timestamp field:
 * {@code topic.<topic>.table}, {@code topic.<topic>.symbols}, {@code topic.<topic>.timestamp.field.name}.
 * Topic names may contain dots, so a key is split at its known suffix, not at the first dot.
 */
public final class TopicOverrides {
    /** The prefix of every override key. */
    public static final String PREFIX = "topic.";
    static final String TABLE = "table";
    static final String SYMBOLS = "symbols";
    static final String TIMESTAMP_FIELD = "timestamp.field.name";
    private static final List<String> SUFFIXES = List.of(TIMESTAMP_FIELD, SYMBOLS, TABLE);

    private final Map<String, Settings> byTopic;
    private final List<String> unknownKeys;
    private final Settings defaults;

    private TopicOverrides(Map<String, Settings> byTopic, List<String> unknownKeys, Settings defaults) {
        this.byTopic = byTopic;
        this.unknownKeys = unknownKeys;
        this.defaults = defaults;
    }

    /**
     * What one topic's records use.
     *
     * @param table the table template
     * @param symbols the symbol columns
     * @param timestampField the timestamp field, or null
     */
    public record Settings(String table, List<String> symbols, String timestampField) {
    }

    /** Reads overrides from the config keys below {@link #PREFIX} (prefix already removed). */
    public static TopicOverrides from(Map<String, Object> prefixed, QuestDbSinkConfig config) {
        Settings defaults = new Settings(config.table(), config.mapping().symbols(),
            config.timestamp().field());
        Map<String, Map<String, String>> raw = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        prefixed.forEach((key, value) -> {
            String suffix = SUFFIXES.stream().filter(s -> key.endsWith("." + s)).findFirst().orElse(null);
            if (suffix == null || key.length() == suffix.length() + 1) {
                unknown.add(PREFIX + key);
            } else {
                String topic = key.substring(0, key.length() - suffix.length() - 1);
                raw.computeIfAbsent(topic, t -> new HashMap<>()).put(suffix, String.valueOf(value));
            }
        });
        Map<String, Settings> byTopic = new HashMap<>();
        raw.forEach((topic, values) -> byTopic.put(topic, new Settings(
            values.getOrDefault(TABLE, defaults.table()),
            values.containsKey(SYMBOLS) ? split(values.get(SYMBOLS)) : defaults.symbols(),
            values.getOrDefault(TIMESTAMP_FIELD, defaults.timestampField()))));
        return new TopicOverrides(byTopic, List.copyOf(unknown), defaults);
    }

    /** The settings of {@code topic}: its overrides on top of the connector-wide values. */
    public Settings forTopic(String topic) {
        return byTopic.getOrDefault(topic, defaults);
    }

    /** Every topic that has an override, with its settings. */
    public Map<String, Settings> overridden() {
        return Map.copyOf(byTopic);
    }

    /** Keys below {@code topic.} that are not an override this connector knows. */
    public List<String> unknownKeys() {
        return unknownKeys;
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
