package io.tsconnect.mqtt.sparkplug;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The one-record-per-message value: the message's identity and a {@code metrics} Struct with one field per metric,
 * typed as {@link TypedValues} says (DataSets and Templates as nested Structs; {@code is_null} metrics null). Beside
 * it, {@code metric_timestamps} holds each metric's timestamp (epoch ms: its own, else the payload's) and
 * {@code metric_properties} the properties of the metrics that have any, as JSON ({@code null} when none has).
 * The schema follows the metrics of each message. A name that repeats in one message keeps its last value.
 */
final class MessageRecords {
    /** The schema of {@code metric_properties} in a message none of whose metrics has properties. */
    private static final Schema OPTIONAL_EMPTY = SchemaBuilder.struct().name("io.tsconnect.sparkplug.MetricProperties")
        .optional().build();

    private MessageRecords() {
    }

    static Struct value(Decoded decoded) {
        Map<String, DecodedMetric> byName = new LinkedHashMap<>();
        decoded.metrics().forEach(m -> byName.put(m.name(), m));
        SchemaBuilder metrics = SchemaBuilder.struct().name("io.tsconnect.sparkplug.Metrics");
        byName.values().forEach(m -> metrics.field(m.name(), m.value().schema()));
        Schema metricsSchema = metrics.build();
        Struct values = new Struct(metricsSchema);
        byName.values().forEach(m -> values.put(m.name(), m.value().value()));
        Struct timestamps = perMetric(byName, "io.tsconnect.sparkplug.MetricTimestamps", Schema.INT64_SCHEMA,
            DecodedMetric::timestamp);
        Struct properties = perMetric(byName, "io.tsconnect.sparkplug.MetricProperties",
            Schema.OPTIONAL_STRING_SCHEMA, m -> m.properties() == null ? null : ValueJson.write(m.properties()));
        Schema schema = SchemaBuilder.struct().name("io.tsconnect.sparkplug.Message")
            .field("group", Schema.STRING_SCHEMA)
            .field("edge_node", Schema.STRING_SCHEMA)
            .field("device", Schema.OPTIONAL_STRING_SCHEMA)
            .field("message_type", Schema.STRING_SCHEMA)
            .field("seq", Schema.OPTIONAL_INT64_SCHEMA)
            .field("timestamp", Schema.INT64_SCHEMA)
            .field("metrics", metricsSchema)
            .field("metric_timestamps", timestamps.schema())
            .field("metric_properties", properties == null ? OPTIONAL_EMPTY : properties.schema())
            .build();
        SparkplugTopic topic = decoded.topic();
        return new Struct(schema)
            .put("group", topic.group())
            .put("edge_node", topic.edgeNode())
            .put("device", topic.device())
            .put("message_type", topic.type().name())
            .put("seq", decoded.seq())
            .put("timestamp", decoded.timestamp())
            .put("metrics", values)
            .put("metric_timestamps", timestamps)
            .put("metric_properties", properties);
    }

    /**
     * A Struct with a field per metric for which {@code of} gives a value; {@code null} when it gives none for any
     * (the field is then optional).
     */
    private static Struct perMetric(Map<String, DecodedMetric> byName, String name, Schema fieldSchema,
                                    Function<DecodedMetric, Object> of) {
        Map<String, Object> present = new LinkedHashMap<>();
        byName.values().forEach(m -> {
            Object v = of.apply(m);
            if (v != null) {
                present.put(m.name(), v);
            }
        });
        if (present.isEmpty() && fieldSchema.isOptional()) {
            return null;
        }
        SchemaBuilder builder = SchemaBuilder.struct().name(name).optional();
        present.keySet().forEach(field -> builder.field(field, fieldSchema));
        Struct struct = new Struct(builder.build());
        present.forEach(struct::put);
        return struct;
    }
}
