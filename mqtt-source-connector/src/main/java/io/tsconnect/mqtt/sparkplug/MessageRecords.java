package io.tsconnect.mqtt.sparkplug;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The one-record-per-message value: the message's identity and a {@code metrics} Struct with one field per metric,
 * typed as {@link TypedValues} says (DataSets and Templates as nested Structs). The schema follows the metrics of
 * each message. A name that repeats in one message keeps its last value; metric timestamps and properties are
 * left out (the per-metric shape has them).
 */
final class MessageRecords {
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
        Schema schema = SchemaBuilder.struct().name("io.tsconnect.sparkplug.Message")
            .field("group", Schema.STRING_SCHEMA)
            .field("edge_node", Schema.STRING_SCHEMA)
            .field("device", Schema.OPTIONAL_STRING_SCHEMA)
            .field("message_type", Schema.STRING_SCHEMA)
            .field("seq", Schema.OPTIONAL_INT64_SCHEMA)
            .field("timestamp", Schema.INT64_SCHEMA)
            .field("metrics", metricsSchema)
            .build();
        SparkplugTopic topic = decoded.topic();
        return new Struct(schema)
            .put("group", topic.group())
            .put("edge_node", topic.edgeNode())
            .put("device", topic.device())
            .put("message_type", topic.type().name())
            .put("seq", decoded.seq())
            .put("timestamp", decoded.timestamp())
            .put("metrics", values);
    }
}
