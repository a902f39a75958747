package io.tsconnect.redis.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

import io.tsconnect.common.Template;
import io.tsconnect.common.config.ConfigGroup;

/**
 * Config fragment for turning records into samples: series key template, record shape, labels, timestamps and
 * what happens to bad values and tombstones.
 *
 * @param keyTemplate the series key, e.g. {@code ${metric}:${location}:${device}}
 * @param format the shape of record values
 * @param valueField the value's field (format value); empty for primitive values
 * @param valueFields the numeric fields written (format wide); empty means every numeric field
 * @param labelFields variables (fields, key., header., topic, metric) written as labels
 * @param staticLabels labels added to every series
 * @param timestampSource where timestamps come from
 * @param timestampField the timestamp's field (source field)
 * @param timestampUnit the unit of numeric timestamps
 * @param invalidValue what a null, NaN or non-numeric value does
 * @param tombstone what a null record value does
 * @param valueFormat whether JSON text values are read by the connector's streaming reader
 */
public record MappingConfig(Template keyTemplate, RecordFormat format, String valueField, List<String> valueFields,
                            List<String> labelFields, Map<String, String> staticLabels,
                            TimestampSource timestampSource, String timestampField, TimestampUnit timestampUnit,
                            InvalidValueBehavior invalidValue, TombstoneBehavior tombstone,
                            ValueFormat valueFormat) {
    public static final String GROUP = "Mapping";

    public static final String KEY_TEMPLATE_CONFIG = "ts.key.template";
    public static final String KEY_TEMPLATE_DOC = "The series key. ${name} is a value field (dotted paths "
        + "allowed), ${topic}, ${partition}, ${key} (a primitive record key), ${key.name} (a field of the record "
        + "key), ${header.name} (a header) or ${metric}: the value field's name for wide records, "
        + "<name>_<field> for Telegraf metrics (also ${measurement} and ${field}). Tags of Telegraf metrics are "
        + "variables too. ${name:-text} writes text when the record has no value for name (e.g. "
        + "${device:-node} for Sparkplug node metrics); without a default, a missing value is a bad record.";
    public static final String KEY_TEMPLATE_DEFAULT = "${topic}";
    public static final String KEY_TEMPLATE_DISPLAY = "Series key template";

    public static final String FORMAT_CONFIG = "ts.record.format";
    public static final String FORMAT_DOC = "value: one sample per record, the number in ts.value.field (or the "
        + "record value itself when it is a number). wide: one sample per numeric field listed in ts.value.fields "
        + "(all numeric fields when empty), ${metric} being the field name. telegraf: Telegraf's JSON "
        + "{name, tags, fields, timestamp}, one sample per field with the tags as labels.";
    public static final String FORMAT_DEFAULT = "value";
    public static final String FORMAT_DISPLAY = "Record format";

    public static final String VALUE_FIELD_CONFIG = "ts.value.field";
    public static final String VALUE_FIELD_DOC = "For format value: the field holding the sample value. Empty: "
        + "the record value itself is the number.";
    public static final String VALUE_FIELD_DEFAULT = "value";
    public static final String VALUE_FIELD_DISPLAY = "Value field";

    public static final String VALUE_FIELDS_CONFIG = "ts.value.fields";
    public static final String VALUE_FIELDS_DOC = "For format wide: the fields written, each as its own series. "
        + "Empty: every numeric top-level field that is not a label, key variable or the timestamp. A listed field "
        + "absent from a record is skipped.";
    public static final String VALUE_FIELDS_DISPLAY = "Value fields (wide)";

    public static final String LABEL_FIELDS_CONFIG = "ts.labels";
    public static final String LABEL_FIELDS_DOC = "Variables written as labels of created series, named after the "
        + "last path segment (e.g. tags.location gives the label location). Same variables as the key template. "
        + "A series takes the labels of the first record that names it (per task); labels of an existing series "
        + "change only with ts.alter.labels.";
    public static final String LABEL_FIELDS_DISPLAY = "Labels";

    public static final String STATIC_LABELS_CONFIG = "ts.labels.static";
    public static final String STATIC_LABELS_DOC = "Labels added to every created series, as name=value pairs.";
    public static final String STATIC_LABELS_DISPLAY = "Static labels";

    public static final String TIMESTAMP_SOURCE_CONFIG = "ts.timestamp.source";
    public static final String TIMESTAMP_SOURCE_DOC = "field: from ts.timestamp.field; record: the Kafka record "
        + "timestamp; server: the Redis server's clock at write time ('*'), which makes a replay after a failure write "
        + "the samples again at new timestamps (not idempotent).";
    public static final String TIMESTAMP_SOURCE_DEFAULT = "record";
    public static final String TIMESTAMP_SOURCE_DISPLAY = "Timestamp source";

    public static final String TIMESTAMP_FIELD_CONFIG = "ts.timestamp.field";
    public static final String TIMESTAMP_FIELD_DOC = "The timestamp field: epoch number (see ts.timestamp.unit), "
        + "ISO-8601 string, or a Connect Timestamp.";
    public static final String TIMESTAMP_FIELD_DEFAULT = "timestamp";
    public static final String TIMESTAMP_FIELD_DISPLAY = "Timestamp field";

    public static final String TIMESTAMP_UNIT_CONFIG = "ts.timestamp.unit";
    public static final String TIMESTAMP_UNIT_DOC = "Unit of numeric timestamps. auto: by magnitude (below 1e11 "
        + "seconds, below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds).";
    public static final String TIMESTAMP_UNIT_DEFAULT = "auto";
    public static final String TIMESTAMP_UNIT_DISPLAY = "Timestamp unit";

    public static final String INVALID_VALUE_CONFIG = "ts.invalid.value.behavior";
    public static final String INVALID_VALUE_DOC = "A value that is null, NaN, infinite or not a number (booleans "
        + "count as 1/0, numeric strings as numbers). report: the record goes to the errant record reporter (DLQ) "
        + "per errors.tolerance, failing the task when none is configured. ignore: dropped and counted. fail: the "
        + "task fails.";
    public static final String INVALID_VALUE_DEFAULT = "report";
    public static final String INVALID_VALUE_DISPLAY = "Invalid value behavior";

    public static final String TOMBSTONE_CONFIG = "ts.tombstone.behavior";
    public static final String TOMBSTONE_DOC = "A record with a null value. ignore: skipped. delete: the series "
        + "named by the key template (resolved from topic, record key and headers) is deleted.";
    public static final String TOMBSTONE_DEFAULT = "ignore";
    public static final String TOMBSTONE_DISPLAY = "Tombstone behavior";

    public static final String VALUE_FORMAT_CONFIG = "value.format";
    public static final String VALUE_FORMAT_DOC = "connect: map the value the converter produced. json: the fast "
        + "path for JSON text read with value.converter=org.apache.kafka.connect.converters.ByteArrayConverter (or "
        + "StringConverter): the connector reads only the fields it needs with a streaming parser, giving the same "
        + "samples as JsonConverter with schemas.enable=false without building a Map of the whole value per record. "
        + "Malformed JSON is reported like any bad record (DLQ per errors.tolerance). Values that are not bytes or "
        + "text are mapped as with connect.";
    public static final String VALUE_FORMAT_DEFAULT = "connect";
    public static final String VALUE_FORMAT_DISPLAY = "Value format";

    /** Adds the mapping keys to {@code def}. */
    public static ConfigDef update(ConfigDef def) {
        ConfigGroup.of(def, GROUP)
            .define(KEY_TEMPLATE_CONFIG, Type.STRING, KEY_TEMPLATE_DEFAULT, TEMPLATE_VALIDATOR, Importance.HIGH,
                KEY_TEMPLATE_DOC, Width.LONG, KEY_TEMPLATE_DISPLAY)
            .define(FORMAT_CONFIG, Type.STRING, FORMAT_DEFAULT, RecordFormat.VALIDATOR, Importance.HIGH, FORMAT_DOC,
                Width.SHORT, FORMAT_DISPLAY, RecordFormat.RECOMMENDER)
            .define(VALUE_FIELD_CONFIG, Type.STRING, VALUE_FIELD_DEFAULT, Importance.HIGH, VALUE_FIELD_DOC,
                Width.MEDIUM, VALUE_FIELD_DISPLAY)
            .define(VALUE_FIELDS_CONFIG, Type.LIST, List.of(), Importance.MEDIUM, VALUE_FIELDS_DOC, Width.LONG,
                VALUE_FIELDS_DISPLAY)
            .define(LABEL_FIELDS_CONFIG, Type.LIST, List.of(), Importance.MEDIUM, LABEL_FIELDS_DOC, Width.LONG,
                LABEL_FIELDS_DISPLAY)
            .define(STATIC_LABELS_CONFIG, Type.LIST, List.of(), STATIC_LABELS_VALIDATOR, Importance.LOW,
                STATIC_LABELS_DOC, Width.LONG, STATIC_LABELS_DISPLAY)
            .define(TIMESTAMP_SOURCE_CONFIG, Type.STRING, TIMESTAMP_SOURCE_DEFAULT, TimestampSource.VALIDATOR,
                Importance.HIGH, TIMESTAMP_SOURCE_DOC, Width.SHORT, TIMESTAMP_SOURCE_DISPLAY,
                TimestampSource.RECOMMENDER)
            .define(TIMESTAMP_FIELD_CONFIG, Type.STRING, TIMESTAMP_FIELD_DEFAULT, Importance.MEDIUM,
                TIMESTAMP_FIELD_DOC, Width.MEDIUM, TIMESTAMP_FIELD_DISPLAY)
            .define(TIMESTAMP_UNIT_CONFIG, Type.STRING, TIMESTAMP_UNIT_DEFAULT, TimestampUnit.VALIDATOR,
                Importance.MEDIUM, TIMESTAMP_UNIT_DOC, Width.SHORT, TIMESTAMP_UNIT_DISPLAY, TimestampUnit.RECOMMENDER)
            .define(INVALID_VALUE_CONFIG, Type.STRING, INVALID_VALUE_DEFAULT, InvalidValueBehavior.VALIDATOR,
                Importance.MEDIUM, INVALID_VALUE_DOC, Width.SHORT, INVALID_VALUE_DISPLAY,
                InvalidValueBehavior.RECOMMENDER)
            .define(TOMBSTONE_CONFIG, Type.STRING, TOMBSTONE_DEFAULT, TombstoneBehavior.VALIDATOR, Importance.LOW,
                TOMBSTONE_DOC, Width.SHORT, TOMBSTONE_DISPLAY, TombstoneBehavior.RECOMMENDER)
            .define(VALUE_FORMAT_CONFIG, Type.STRING, VALUE_FORMAT_DEFAULT, ValueFormat.VALIDATOR, Importance.MEDIUM,
                VALUE_FORMAT_DOC, Width.SHORT, VALUE_FORMAT_DISPLAY, ValueFormat.RECOMMENDER);
        return def;
    }

    /** Reads the fragment. */
    public static MappingConfig from(AbstractConfig c) {
        return new MappingConfig(Template.parse(c.getString(KEY_TEMPLATE_CONFIG)),
            RecordFormat.parse(FORMAT_CONFIG, c.getString(FORMAT_CONFIG)),
            c.getString(VALUE_FIELD_CONFIG) == null ? "" : c.getString(VALUE_FIELD_CONFIG).trim(),
            trimmed(c.getList(VALUE_FIELDS_CONFIG)), trimmed(c.getList(LABEL_FIELDS_CONFIG)),
            staticLabels(c.getList(STATIC_LABELS_CONFIG)),
            TimestampSource.parse(TIMESTAMP_SOURCE_CONFIG, c.getString(TIMESTAMP_SOURCE_CONFIG)),
            c.getString(TIMESTAMP_FIELD_CONFIG),
            TimestampUnit.parse(TIMESTAMP_UNIT_CONFIG, c.getString(TIMESTAMP_UNIT_CONFIG)),
            InvalidValueBehavior.parse(INVALID_VALUE_CONFIG, c.getString(INVALID_VALUE_CONFIG)),
            TombstoneBehavior.parse(TOMBSTONE_CONFIG, c.getString(TOMBSTONE_CONFIG)),
            ValueFormat.parse(VALUE_FORMAT_CONFIG, c.getString(VALUE_FORMAT_CONFIG)));
    }

    /** Cross-field checks, attached to the key concerned. */
    public static void validate(Map<String, ConfigValue> values) {
        ConfigValue source = values.get(TIMESTAMP_SOURCE_CONFIG);
        ConfigValue field = values.get(TIMESTAMP_FIELD_CONFIG);
        if (source != null && field != null && "field".equalsIgnoreCase(String.valueOf(source.value()))
            && (field.value() == null || String.valueOf(field.value()).isBlank())) {
            field.addErrorMessage(TIMESTAMP_FIELD_CONFIG + " is required when " + TIMESTAMP_SOURCE_CONFIG
                + "=field");
        }
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Map<String, String> staticLabels(List<String> pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new ConfigException(STATIC_LABELS_CONFIG, pair, "Expected name=value with both non-empty");
            }
            labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return labels;
    }

    private static final ConfigDef.Validator TEMPLATE_VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || String.valueOf(value).isBlank()) {
                throw new ConfigException(name, value, "The series key template cannot be empty");
            }
            try {
                Template.parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a non-empty template with ${name} placeholders";
        }
    };

    private static final ConfigDef.Validator STATIC_LABELS_VALIDATOR = new ConfigDef.Validator() {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            staticLabels((List<String>) value);
        }

        @Override
        public String toString() {
            return "list of name=value";
        }
    };
}
