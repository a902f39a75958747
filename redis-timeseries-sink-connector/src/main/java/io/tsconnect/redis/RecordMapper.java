package io.tsconnect.redis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.common.Template;
import io.tsconnect.common.record.FieldPath;
import io.tsconnect.redis.config.MappingConfig;
import io.tsconnect.redis.config.RecordFormat;
import io.tsconnect.redis.config.TimestampSource;
import io.tsconnect.redis.config.ValueFormat;

/**
 * Turns a record into samples per {@link MappingConfig}: one sample (format value), one per numeric field (wide),
 * or one per field of a Telegraf metric, each with its series key and labels. With {@code value.format=json} a
 * JSON text value is first read by a {@link JsonValueReader} (only the fields the mapping uses). Not thread-safe:
 * one per thread.
 */
public final class RecordMapper {
    /** Lookups by value checked before deciding whether they pay off for this mapper's records. */
    private static final int VALUE_LOOKUPS_CHECKED = 10_000;
    private final MappingConfig config;
    private final RecordVariables variables = new RecordVariables();
    private final TimestampExtractor timestamps;
    private final FieldPath valueField;
    private final List<FieldPath> valueFields;
    private final Set<String> notValues = new HashSet<>();
    private final JsonValueReader json;
    private final SeriesKeys seriesKeys = new SeriesKeys();
    /** What resolves the key template's variables, and their values for the current sample. */
    private final List<Function<RecordVariables.Scope, Object>> keyResolvers;
    private final Object[] keyValues;
    private boolean byValues = true;
    private int valueLookups;
    private int valueMisses;

    public RecordMapper(MappingConfig config) {
        this.config = config;
        this.timestamps = new TimestampExtractor(config.timestampSource(), config.timestampField(),
            config.timestampUnit());
        this.valueField = config.valueField().isEmpty() ? null : FieldPath.parse(config.valueField());
        this.valueFields = config.valueFields().stream().map(FieldPath::parse).toList();
        // Auto-detected wide fields exclude what is used to name or label the series, and the timestamp.
        config.keyTemplate().variables().forEach(v -> notValues.add(v.split("\\.")[0]));
        config.labelFields().forEach(v -> notValues.add(v.split("\\.")[0]));
        if (config.timestampSource() == TimestampSource.FIELD) {
            notValues.add(config.timestampField().split("\\.")[0]);
        }
        this.json = config.valueFormat() == ValueFormat.JSON ? new JsonValueReader(fieldsRead(config)) : null;
        this.keyResolvers = config.keyTemplate().variables().stream().map(variables::resolverOf).toList();
        this.keyValues = new Object[keyResolvers.size()];
    }

    /** The top-level value fields the mapping reads, or {@code null} when it may read any (wide auto, telegraf). */
    static Set<String> fieldsRead(MappingConfig config) {
        if (config.format() == RecordFormat.TELEGRAF
            || (config.format() == RecordFormat.WIDE && config.valueFields().isEmpty())) {
            return null;
        }
        Set<String> fields = new HashSet<>();
        List<String> names = new ArrayList<>(config.keyTemplate().variables());
        names.addAll(config.labelFields());
        names.addAll(config.valueFields());
        names.add(config.valueField());
        names.add(config.timestampField());
        for (String name : names) {
            if (!name.isEmpty() && !name.startsWith("key.") && !name.startsWith("header.")) {
                fields.add(name.split("\\.")[0]);
            }
        }
        return fields;
    }

    /**
     * The record's value as the mapping sees it: JSON text read by the fast path, else as converted.
     *
     * @throws MappingException for malformed JSON
     */
    public Object value(SinkRecord record) {
        Object value = record.value();
        return json != null && JsonValueReader.isText(value) ? json.read(value) : value;
    }

    /** The samples of {@code record}, its value read by {@link #value}. */
    public List<Sample> map(SinkRecord record) {
        return map(record, value(record));
    }

    /**
     * The samples of a record whose value (from {@link #value}) is not null.
     *
     * @throws MappingException when the record cannot be written
     */
    public List<Sample> map(SinkRecord record, Object value) {
        switch (config.format()) {
            case WIDE:
                return wide(record, value);
            case TELEGRAF:
                return telegraf(record, value);
            default:
                return single(record, value);
        }
    }

    /** The series key a tombstone deletes, resolved from topic, record key and headers. */
    public String deleteKey(SinkRecord record) {
        return render(new RecordVariables.Scope(record, null, null, Map.of()));
    }

    private List<Sample> single(SinkRecord record, Object value) {
        Object raw = valueField == null ? value : valueField.get(value);
        String what = valueField == null ? "The record value" : "Field '" + valueField + "'";
        RecordVariables.Scope scope = new RecordVariables.Scope(record, value, null, Map.of());
        return List.of(sample(scope, number(raw, what), timestamps.extract(record, value), Map.of()));
    }

    private List<Sample> wide(SinkRecord record, Object value) {
        Long timestamp = timestamps.extract(record, value);
        List<Sample> samples = new ArrayList<>();
        if (valueFields.isEmpty()) {
            for (Map.Entry<String, Object> e : topLevel(value).entrySet()) {
                if (!notValues.contains(e.getKey()) && e.getValue() instanceof Number) {
                    samples.add(wideSample(record, value, e.getKey(), e.getValue(), timestamp));
                }
            }
        } else {
            for (FieldPath path : valueFields) {
                Object raw = path.get(value);
                if (raw != null) {
                    samples.add(wideSample(record, value, path.leaf(), raw, timestamp));
                }
            }
        }
        if (samples.isEmpty()) {
            throw new MappingException("The record has none of the value fields "
                + (valueFields.isEmpty() ? "(no numeric field)" : valueFields), true);
        }
        return samples;
    }

    private Sample wideSample(SinkRecord record, Object value, String field, Object raw, Long timestamp) {
        RecordVariables.Scope scope = new RecordVariables.Scope(record, value, null, Map.of("metric", field));
        return sample(scope, number(raw, "Field '" + field + "'"), timestamp, Map.of());
    }

    private List<Sample> telegraf(SinkRecord record, Object metric) {
        Object name = FieldPath.child(metric, "name");
        Map<String, Object> fields = topLevel(FieldPath.child(metric, "fields"));
        if (name == null || fields.isEmpty()) {
            throw new MappingException("Not a Telegraf metric: needs 'name' and a non-empty 'fields' object", false);
        }
        Map<String, Object> tags = topLevel(FieldPath.child(metric, "tags"));
        Map<String, String> tagLabels = new LinkedHashMap<>();
        tags.forEach((k, v) -> tagLabels.put(k, RecordVariables.text(v)));
        Long timestamp = timestamps.extract(record, metric);
        List<Sample> samples = new ArrayList<>(fields.size());
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            Map<String, String> perSample = Map.of("metric", name + "_" + field.getKey(),
                "measurement", name.toString(), "field", field.getKey());
            RecordVariables.Scope scope = new RecordVariables.Scope(record, metric, tags, perSample);
            samples.add(sample(scope, number(field.getValue(), "Field '" + field.getKey() + "'"), timestamp,
                tagLabels));
        }
        return samples;
    }

    private Sample sample(RecordVariables.Scope scope, double value, Long timestamp, Map<String, String> base) {
        SeriesKeys.Series series = series(scope, base);
        return new Sample(series.key(), timestamp, value, series.labels(), scope.record(), series.arg());
    }

    /**
     * The series of a sample: first by the key template's values (no key rendered for a series seen before), else
     * by its rendered key.
     */
    private SeriesKeys.Series series(RecordVariables.Scope scope, Map<String, String> base) {
        if (!byValues) {
            return seriesKeys.get(render(scope), () -> labels(scope, base));
        }
        for (int i = 0; i < keyValues.length; i++) {
            keyValues[i] = keyResolvers.get(i).apply(scope);
        }
        SeriesKeys.Series series = seriesKeys.byValues(keyValues);
        if (series == null) {
            series = seriesKeys.get(render(scope), () -> labels(scope, base));
            seriesKeys.rememberValues(keyValues, series);
            valueMisses++;
        }
        if (++valueLookups == VALUE_LOOKUPS_CHECKED) {
            // Values that keep changing (a timestamp in the key, say) rarely match: stop looking.
            byValues = valueMisses * 2 < valueLookups;
        }
        return series;
    }

    private String render(RecordVariables.Scope scope) {
        try {
            String key = config.keyTemplate().render(variables.resolver(scope));
            if (key.isEmpty()) {
                throw new MappingException("The series key template rendered an empty key", false);
            }
            return key;
        } catch (Template.MissingVariableException e) {
            throw new MappingException(e.getMessage(), false);
        }
    }

    private Map<String, String> labels(RecordVariables.Scope scope, Map<String, String> base) {
        Map<String, String> labels = new LinkedHashMap<>(base);
        for (String name : config.labelFields()) {
            String value = RecordVariables.text(variables.resolve(name, scope));
            if (value != null) {
                String label = name.substring(name.lastIndexOf('.') + 1);
                if (value.isEmpty()) {
                    throw new MappingException("Label '" + label + "' has an empty value, which RedisTimeSeries "
                        + "cannot store", false);
                }
                labels.put(label, value);
            }
        }
        labels.putAll(config.staticLabels());
        return labels;
    }

    /** The sample value of {@code raw}; booleans are 1/0 and numeric strings numbers. */
    static double number(Object raw, String what) {
        double v;
        if (raw instanceof Number n) {
            v = n.doubleValue();
        } else if (raw instanceof Boolean b) {
            v = b ? 1d : 0d;
        } else if (raw instanceof String s) {
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new MappingException(what + " is not a number", true);
            }
        } else {
            throw new MappingException(what + (raw == null ? " is missing or null" : " is not a number but "
                + kind(raw)), true);
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new MappingException(what + " is " + v, true);
        }
        return v;
    }

    /** What a non-numeric value is, as a user reads it (not the class a converter happened to use). */
    private static String kind(Object raw) {
        if (raw instanceof Map) {
            return "an object";
        }
        return raw instanceof List ? "an array" : "a " + raw.getClass().getSimpleName();
    }

    private static Map<String, Object> topLevel(Object container) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (container instanceof Struct struct) {
            for (Field f : struct.schema().fields()) {
                out.put(f.name(), struct.get(f));
            }
        } else if (container instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }
}
