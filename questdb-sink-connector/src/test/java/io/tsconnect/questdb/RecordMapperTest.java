package io.tsconnect.questdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.tsconnect.questdb.config.QuestDbSinkConfig;

class RecordMapperTest {
    private static RecordMapper mapper(String... kv) {
        Map<String, String> props = new HashMap<>();
        props.put("client.conf.string", "http::addr=localhost:9000;");
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        return new RecordMapper(new QuestDbSinkConfig(props));
    }

    private static SinkRecord record(Object key, Object value) {
        return new SinkRecord("readings", 3, null, key, null, value, 42L, 1_700_000_000_123L,
            org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void schemalessMapWithSymbolsForcedDoublesTimestampAndNesting() {
        RecordMapper mapper = mapper("symbols", "device,tags_location", "doubles", "temp",
            "timestamp.source", "field", "timestamp.field.name", "ts", "timestamp.units", "ms");
        Row row = mapper.map(record(null, map("device", "d1", "temp", 21L, "count", 7, "ok", true,
            "ts", 1_700_000_000_000L, "tags", map("location", "lab", "floor", 2))));
        assertEquals("readings", row.table());
        assertEquals(new Row.Column("device", ColumnKind.SYMBOL, "d1"), row.column("device"));
        assertEquals(new Row.Column("temp", ColumnKind.DOUBLE, 21.0), row.column("temp"));
        assertEquals(new Row.Column("count", ColumnKind.LONG, 7L), row.column("count"));
        assertEquals(ColumnKind.BOOLEAN, row.column("ok").kind());
        assertEquals(new Row.Column("tags_location", ColumnKind.SYMBOL, "lab"), row.column("tags_location"));
        assertEquals(2L, row.column("tags_floor").value());
        assertNull(row.column("ts"), "the designated timestamp field is not also a column");
        assertEquals(1_700_000_000_000_000L, row.timestamp());
        assertEquals(ChronoUnit.MICROS, row.timestampUnit());
    }

    @Test
    void flattenSeparatorAndDepthAreConfigurable() {
        RecordMapper mapper = mapper("flatten.separator", "__", "flatten.max.depth", "1");
        Row row = mapper.map(record(null, map("a", map("b", map("c", 1L)), "x", 1L)));
        assertEquals(new Row.Column("a__b", ColumnKind.STRING, "{\"c\":1}"), row.column("a__b"));
    }

    @Test
    void structTypesDecimalTimestampBytesArraysAndMaps() {
        Schema schema = SchemaBuilder.struct()
            .field("price", Decimal.schema(4))
            .field("seen", Timestamp.SCHEMA)
            .field("raw", Schema.BYTES_SCHEMA)
            .field("samples", SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build())
            .field("counts", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
            .field("labels", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
            .field("nested", SchemaBuilder.struct().field("v", Schema.FLOAT32_SCHEMA).build())
            .build();
        Struct value = new Struct(schema).put("price", new BigDecimal("12.3400"))
            .put("seen", Date.from(Instant.parse("2024-01-02T03:04:05.678Z")))
            .put("raw", new byte[] {1, 2, (byte) 255})
            .put("samples", List.of(1.5, 2.5)).put("counts", List.of(1, 2))
            .put("labels", Map.of("k", "v"))
            .put("nested", new Struct(schema.field("nested").schema()).put("v", 0.5f));
        Row row = mapper("bytes.encoding", "hex").map(new SinkRecord("t", 0, null, null, schema, value, 1));
        assertEquals(new Row.Column("price", ColumnKind.DECIMAL, new BigDecimal("12.3400")), row.column("price"));
        assertEquals(new Row.Column("seen", ColumnKind.TIMESTAMP_MICROS, 1_704_164_645_678_000L),
            row.column("seen"));
        assertEquals("0102ff", row.column("raw").value());
        assertArrayEquals(new double[] {1.5, 2.5}, (double[]) row.column("samples").value());
        assertEquals(new Row.Column("counts", ColumnKind.STRING, "[1,2]"), row.column("counts"));
        assertEquals("v", row.column("labels_k").value());
        assertEquals(0.5, row.column("nested_v").value());
        assertTrue(row.serverTimestamp());
    }

    @Test
    void integerArraysBecomeDoubleArraysInArrayMode() {
        Row row = mapper("arrays.mode", "array").map(record(null, map("counts", List.of(1L, 2L),
            "names", List.of("a", "b"))));
        assertArrayEquals(new double[] {1, 2}, (double[]) row.column("counts").value());
        assertEquals("[\"a\",\"b\"]", row.column("names").value());
    }

    @Test
    void timestampFromKafkaRecord() {
        Row row = mapper("timestamp.source", "kafka").map(record(null, map("v", 1L)));
        assertEquals(1_700_000_000_123_000L, row.timestamp());
    }

    @Test
    void timestampFromIsoStringCustomFormatNanosAndAutoUnits() {
        Row iso = mapper("timestamp.source", "field", "timestamp.field.name", "at")
            .map(record(null, map("at", "2024-01-02T03:04:05.123456Z")));
        assertEquals(1_704_164_645_123_456L, iso.timestamp());
        Row custom = mapper("timestamp.source", "field", "timestamp.field.name", "at",
            "timestamp.string.format", "yyyy-MM-dd HH:mm:ss").map(record(null, map("at", "2024-01-02 03:04:05")));
        assertEquals(1_704_164_645_000_000L, custom.timestamp());
        Row nanos = mapper("timestamp.source", "field", "timestamp.field.name", "at", "timestamp.units", "ns")
            .map(record(null, map("at", 1_704_164_645_123_456_789L)));
        assertEquals(1_704_164_645_123_456_789L, nanos.timestamp());
        assertEquals(ChronoUnit.NANOS, nanos.timestampUnit());
        Row seconds = mapper("timestamp.source", "field", "timestamp.field.name", "at")
            .map(record(null, map("at", 1_704_164_645L)));
        assertEquals(1_704_164_645_000_000L, seconds.timestamp());
        Row epochText = mapper("timestamp.source", "field", "timestamp.field.name", "at")
            .map(record(null, map("at", "1704164645000")));
        assertEquals(1_704_164_645_000_000L, epochText.timestamp());
        Row tsNs = mapper("timestamp.source", "field", "timestamp.field.name", "at", "table.timestamp.type",
            "timestamp_ns").map(record(null, map("at", "2024-01-02T03:04:05.123456789Z")));
        assertEquals(1_704_164_645_123_456_789L, tsNs.timestamp());
    }

    @Test
    void missingOrBadTimestampIsADataErrorOfThatRecordOnly() {
        RecordMapper mapper = mapper("timestamp.source", "field", "timestamp.field.name", "at");
        assertThrows(DataException.class, () -> mapper.map(record(null, map("v", 1L))));
        assertThrows(DataException.class, () -> mapper.map(record(null, map("at", "yesterday"))));
        Row next = mapper.map(record(null, map("at", 1_704_164_645L)));
        assertEquals(1_704_164_645_000_000L, next.timestamp());
    }

    @Test
    void keyColumnsWithPrefixAndTableTemplates() {
        RecordMapper mapper = mapper("include.key", "true", "table", "${topic}_${partition}_${key}");
        Row row = mapper.map(record("dev-7", map("v", 1L)));
        assertEquals("readings_3_dev-7", row.table());
        assertEquals("dev-7", row.column("key").value());
        Row structKey = mapper("include.key", "true", "key.prefix", "k_").map(record(map("id", 5L), map("v", 1L)));
        assertEquals(5L, structKey.column("k_id").value());
        assertThrows(DataException.class, () -> mapper.map(record(null, map("v", 1L))));
    }

    @Test
    void topicOnlyTemplatesNameOneTablePerTopicAndRecordTemplatesVaryPerRecord() {
        RecordMapper byTopic = mapper("table", "t_${topic}");
        SinkRecord other = new SinkRecord("other.topic", 0, null, null, null, map("v", 1L), 1L);
        assertEquals("t_readings", byTopic.map(record(null, map("v", 1L))).table());
        assertEquals("t_other.topic", byTopic.map(other).table());
        assertEquals("t_readings", byTopic.map(record(null, map("v", 2L))).table());
        RecordMapper byPartition = mapper("table", "p_${partition}");
        assertEquals("p_3", byPartition.map(record(null, map("v", 1L))).table());
        assertEquals("p_0", byPartition.map(new SinkRecord("readings", 0, null, null, null, map("v", 1L), 2L))
            .table());
    }

    @Test
    void columnNamesFollowEachRecordWhenFieldsChangeOrderOrName() {
        RecordMapper mapper = mapper("symbols", "s");
        Row first = mapper.map(record(null, map("s", "x", "temp.c", 1L, "v", 2L)));
        Row reordered = mapper.map(record(null, map("v", 3L, "s", "y", "temp.c", 4L)));
        Row renamed = mapper.map(record(null, map("s", "z", "a-b", 5L)));
        assertEquals(ColumnKind.SYMBOL, first.column("s").kind());
        assertEquals(1L, first.column("temp_c").value());
        assertEquals(3L, reordered.column("v").value());
        assertEquals(ColumnKind.SYMBOL, reordered.column("s").kind());
        assertEquals(4L, reordered.column("temp_c").value());
        assertEquals(5L, renamed.column("a_b").value());
        assertNull(renamed.column("temp_c"));
        assertEquals(2, renamed.columns().size());
    }

    @Test
    void namesAreSanitised() {
        Row row = mapper("table", "a/b:${topic}").map(record(null, map("temp.c", 1L, "a-b", 2L, "ok", 3L)));
        assertEquals("a_b_readings", row.table());
        assertEquals(1L, row.column("temp_c").value());
        assertEquals(2L, row.column("a_b").value());
    }

    @Test
    void collidingColumnNamesAreADataError() {
        assertThrows(DataException.class, () -> mapper().map(record(null, map("a.b", 1L, "a_b", 2L))));
    }

    @Test
    void uuidColumnsAreValidated() {
        RecordMapper mapper = mapper("uuids", "id");
        assertEquals("0b5f3c0e-2f52-4a57-9d59-5d1b5f1f3a10",
            mapper.map(record(null, map("id", "0B5F3C0E-2F52-4A57-9D59-5D1B5F1F3A10"))).column("id").value());
        assertThrows(DataException.class, () -> mapper.map(record(null, map("id", "nope"))));
    }

    @Test
    void tombstonesAreIgnoredOrFail() {
        assertNull(mapper().map(record(null, null)));
        assertThrows(ConnectException.class, () -> mapper("tombstones", "fail").map(record(null, null)));
    }

    @Test
    void perTopicOverrides() {
        RecordMapper mapper = mapper("symbols", "a", "topic.readings.table", "r_${partition}",
            "topic.readings.symbols", "b", "topic.readings.timestamp.field.name", "at",
            "timestamp.source", "field", "timestamp.field.name", "ts");
        Row row = mapper.map(record(null, map("a", "x", "b", "y", "at", 1_704_164_645L)));
        assertEquals("r_3", row.table());
        assertEquals(ColumnKind.STRING, row.column("a").kind());
        assertEquals(ColumnKind.SYMBOL, row.column("b").kind());
        assertEquals(1_704_164_645_000_000L, row.timestamp());
    }

    @Test
    void unsupportedTypesFailOrAreSkipped() {
        Map<String, Object> value = map("v", 1L, "odd", new Object());
        assertThrows(DataException.class, () -> mapper().map(record(null, value)));
        Row row = mapper("skip.unsupported.types", "true").map(record(null, value));
        assertNull(row.column("odd"));
        assertEquals(1L, row.column("v").value());
    }
}
