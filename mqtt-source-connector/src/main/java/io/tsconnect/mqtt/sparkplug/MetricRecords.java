package io.tsconnect.mqtt.sparkplug;

import java.util.Date;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.tsconnect.sparkplug.proto.SparkplugB.DataType;

/**
 * The one-record-per-metric value: a fixed schema, so that one table or one series family takes every metric.
 * The value lands in the field of its kind: {@code value} (float64) holds every number, boolean (1/0) and DateTime
 * (epoch ms), which is what charts and RedisTimeSeries need; {@code value_long} integers and DateTimes exactly;
 * {@code value_bool} booleans; {@code value_text} strings, and arrays, DataSets, Templates and bytes as JSON /
 * base64. {@code is_null} metrics have none of them.
 */
final class MetricRecords {
    static final Schema SCHEMA = SchemaBuilder.struct().name("io.tsconnect.sparkplug.Metric")
        .field("group", Schema.STRING_SCHEMA)
        .field("edge_node", Schema.STRING_SCHEMA)
        .field("device", Schema.OPTIONAL_STRING_SCHEMA)
        .field("metric", Schema.STRING_SCHEMA)
        .field("datatype", Schema.STRING_SCHEMA)
        .field("message_type", Schema.STRING_SCHEMA)
        .field("timestamp", Schema.INT64_SCHEMA)
        .field("value", Schema.OPTIONAL_FLOAT64_SCHEMA)
        .field("value_long", Schema.OPTIONAL_INT64_SCHEMA)
        .field("value_bool", Schema.OPTIONAL_BOOLEAN_SCHEMA)
        .field("value_text", Schema.OPTIONAL_STRING_SCHEMA)
        .field("is_null", Schema.BOOLEAN_SCHEMA)
        .field("is_historical", Schema.BOOLEAN_SCHEMA)
        .field("is_transient", Schema.BOOLEAN_SCHEMA)
        .field("properties", Schema.OPTIONAL_STRING_SCHEMA)
        .build();

    private MetricRecords() {
    }

    static Struct value(SparkplugTopic topic, DecodedMetric metric) {
        Struct s = new Struct(SCHEMA)
            .put("group", topic.group())
            .put("edge_node", topic.edgeNode())
            .put("device", topic.device())
            .put("metric", metric.name())
            .put("datatype", metric.datatype().name())
            .put("message_type", topic.type().name())
            .put("timestamp", metric.timestamp())
            .put("is_null", metric.isNull())
            .put("is_historical", metric.historical())
            .put("is_transient", metric.transientValue())
            .put("properties", metric.properties() == null ? null : ValueJson.write(metric.properties()));
        Object v = metric.value().value();
        if (v instanceof Boolean b) {
            s.put("value_bool", b).put("value", b ? 1.0 : 0.0);
        } else if (v instanceof Float || v instanceof Double) {
            s.put("value", ((Number) v).doubleValue());
        } else if (v instanceof Long l && metric.datatype() == DataType.UInt64 && l < 0) {
            // above 2^63-1: exact as text, approximately as a double
            s.put("value", Double.parseDouble(Long.toUnsignedString(l))).put("value_text", Long.toUnsignedString(l));
        } else if (v instanceof Number n) {
            s.put("value", n.doubleValue()).put("value_long", n.longValue());
        } else if (v instanceof Date d) {
            s.put("value", (double) d.getTime()).put("value_long", d.getTime());
        } else if (v instanceof String text) {
            s.put("value_text", text);
        } else if (v instanceof byte[] || v instanceof List || v instanceof Struct) {
            s.put("value_text", ValueJson.write(v));
        }
        return s;
    }
}
