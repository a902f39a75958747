package io.tsconnect.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.tsconnect.questdb.config.QuestDbSinkConfig;

/**
 * The JSON fast path against the Map path: the same JSON through JsonConverter (schemas.enable=false) and the
 * Map path, or as bytes / a String through the fast path, must give the same rows (or both be rejected).
 */
class JsonRowReaderTest {
    private static final String TOPIC = "readings";

    private static final List<String> OBJECTS = List.of(
        "{\"device\":\"d1\",\"temp\":21,\"hum\":45.5,\"ok\":true,\"ts\":1700000000000,\"n\":null,"
            + "\"tags\":{\"location\":\"lab\",\"floor\":2}}",
        "  \n{\"a\":{\"b\":{\"c\":1,\"d\":\"x\",\"e\":[1,2],\"f\":{\"g\":null,\"h\":[\"p\",\"q\"]}}},\"arr\":[1.5,2],"
            + "\"ints\":[1,2,3],\"strs\":[\"a\",\"b\"],\"big\":12345678901234567890,\"neg\":-0.0,\"exp\":1.5e300,"
            + "\"empty\":{},\"ts\":\"2024-05-01T10:00:00.123456789Z\"}",
        "{\"s\":\"caf\\u00e9 \\\"q\\\" \\n\",\"meta\":{\"at\":\"2024-05-01T10:00:00Z\",\"id\":7},\"ts\":1700000000}",
        "{\"temp.c\":1.25,\"a-b\":3,\"id\":\"6f1c7a2e-3b9a-4d2b-9d7e-1c2b3a4d5e6f\",\"ts\":1700000000000000}");

    private static final List<String> REJECTED = List.of(
        "{\"device\":\"d1\"}",                       // no timestamp field
        "{\"ts\":null,\"v\":1}",                     // null timestamp
        "{\"ts\":\"yesterday\",\"v\":1}",            // unparseable timestamp
        "{\"ts\":{\"x\":1},\"v\":1}",                // object as timestamp
        "{\"ts\":1,\"a_b\":1,\"a\":{\"b\":2}}",      // two fields map to one column
        "{\"ts\":1,\"id\":\"not-a-uuid\"}");

    private static final List<Map<String, String>> CONFIGS = List.of(
        Map.of("symbols", "device,tags_location", "doubles", "temp", "timestamp.source", "field",
            "timestamp.field.name", "ts", "uuids", "id"),
        Map.of("flatten.max.depth", "1", "arrays.mode", "array", "timestamp.source", "kafka", "value.prefix", "v_"),
        Map.of("flatten.max.depth", "0", "timestamp.source", "field", "timestamp.field.name", "meta.at",
            "flatten.separator", "__"),
        Map.of("timestamp.source", "field", "timestamp.field.name", "meta.at", "symbols", "meta_id",
            "include.key", "true", "table.timestamp.type", "timestamp_ns"),
        Map.of("timestamp.source", "server", "skip.unsupported.types", "true", "bytes.encoding", "hex"));

    private static RecordMapper mapper(Map<String, String> settings, String format) {
        Map<String, String> props = new HashMap<>(settings);
        props.put("client.conf.string", "http::addr=localhost:9000;");
        props.put("value.format", format);
        return new RecordMapper(new QuestDbSinkConfig(props));
    }

    private static SinkRecord record(Object value) {
        return new SinkRecord(TOPIC, 3, null, "k1", null, value, 42L, 1_700_000_000_123L, TimestampType.CREATE_TIME);
    }

    private static Object viaJsonConverter(String json) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        SchemaAndValue converted = converter.toConnectData(TOPIC, json.getBytes(StandardCharsets.UTF_8));
        return converted.value();
    }

    /** A comparable picture of a row: table, timestamp and columns by name (arrays as lists). */
    private static Map<String, Object> describe(Row row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@table", row.table());
        out.put("@timestamp", row.serverTimestamp() ? "server" : row.timestamp() + " " + row.timestampUnit());
        for (Row.Column column : row.columns()) {
            Object value = column.value();
            if (value instanceof double[] array) {
                List<Double> list = new ArrayList<>();
                for (double d : array) {
                    list.add(d);
                }
                value = list;
            }
            out.put(column.name(), column.kind() + ":" + value + ":" + (value == null ? "" : value.getClass()));
        }
        return out;
    }

    private static Object outcome(Function<SinkRecord, Row> map, SinkRecord record) {
        try {
            return describe(map.apply(record));
        } catch (DataException e) {
            return DataException.class;
        }
    }

    private static void assertSameRows(String json, Map<String, String> settings) {
        RecordMapper mapPath = mapper(settings, "connect");
        RecordMapper fastPath = mapper(settings, "json");
        Object expected = outcome(mapPath::map, record(viaJsonConverter(json)));
        assertEquals(expected, outcome(fastPath::map, record(json.getBytes(StandardCharsets.UTF_8))),
            "bytes, " + settings + ": " + json);
        assertEquals(expected, outcome(fastPath::map, record(json)), "String, " + settings + ": " + json);
    }

    @Test
    void fastPathAndMapPathGiveIdenticalRows() {
        for (Map<String, String> settings : CONFIGS) {
            for (String json : OBJECTS) {
                assertSameRows(json, settings);
            }
        }
        Object row = outcome(mapper(CONFIGS.get(0), "json")::map, record(OBJECTS.get(0).getBytes(
            StandardCharsets.UTF_8)));
        assertTrue(row instanceof Map<?, ?> m && m.containsKey("tags_location") && m.size() > 5,
            "the comparison is about real rows: " + row);
    }

    @Test
    void fastPathRejectsWhatTheMapPathRejects() {
        for (String json : REJECTED) {
            assertSameRows(json, CONFIGS.get(0));
            assertEquals(DataException.class, outcome(mapper(CONFIGS.get(0), "json")::map, record(json)), json);
        }
    }

    @Test
    void valuesThatAreNotObjectsAreMappedLikeJsonConverterOutput() {
        for (String json : List.of("42", "\"text\"", "[1.5,2.5]", "true", " 7.25 ")) {
            assertSameRows(json, CONFIGS.get(1));
        }
        assertNull(mapper(CONFIGS.get(1), "json").map(record("null".getBytes(StandardCharsets.UTF_8))),
            "JSON null is a tombstone, ignored by default");
    }

    @Test
    void malformedJsonIsADataErrorNamingTheRecord() {
        RecordMapper fast = mapper(CONFIGS.get(1), "json");
        for (String json : List.of("{\"a\":1,", "{\"a\":tru}", "{\"a\" 1}", "nope", "[1,2")) {
            DataException e = assertThrows(DataException.class, () -> fast.map(record(json.getBytes(
                StandardCharsets.UTF_8))), json);
            assertTrue(e.getMessage().contains("readings-3@42"), e.getMessage());
        }
    }

    @Test
    void connectFormatKeepsBytesAsBytes() {
        Row row = mapper(CONFIGS.get(1), "connect").map(record("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ColumnKind.STRING, row.column("v").kind(), "without the fast path bytes are one column");
    }
}
