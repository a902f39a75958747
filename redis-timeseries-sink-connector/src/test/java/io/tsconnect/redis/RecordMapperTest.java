package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.tsconnect.redis.config.MappingConfig;

class RecordMapperTest {
    private static final String TEMPLATE = "${metric}:${location}:${device}";

    @Test
    void schemalessRecordBecomesOneSampleWithLabels() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", TEMPLATE, "ts.labels", "metric,location,device",
            "ts.timestamp.source", "field"));
        List<Sample> samples = mapper.map(record(Map.of("metric", "temp", "location", "3", "device", 2,
            "value", 20, "timestamp", 1_700_000_000_123L)));
        assertEquals(1, samples.size());
        Sample s = samples.get(0);
        assertEquals("temp:3:2", s.key());
        assertEquals(20.0, s.value());
        assertEquals(1_700_000_000_123L, s.timestamp());
        assertEquals(List.of("metric", "location", "device"), List.copyOf(s.labels().keySet()));
        assertEquals(Map.of("metric", "temp", "location", "3", "device", "2"), s.labels());
    }

    @Test
    void structRecordUsesFieldsAndRecordTimestamp() {
        Schema schema = SchemaBuilder.struct().field("metric", Schema.STRING_SCHEMA)
            .field("location", Schema.STRING_SCHEMA).field("device", Schema.INT32_SCHEMA)
            .field("value", Schema.FLOAT64_SCHEMA).build();
        Struct value = new Struct(schema).put("metric", "hum").put("location", "1").put("device", 7).put("value", 41.5);
        SinkRecord record = new SinkRecord("readings", 0, null, null, schema, value, 5, 1_650_000_000_000L,
            TimestampType.CREATE_TIME);
        Sample s = mapper(Map.of("ts.key.template", TEMPLATE)).map(record).get(0);
        assertEquals("hum:1:7", s.key());
        assertEquals(41.5, s.value());
        assertEquals(1_650_000_000_000L, s.timestamp());
        assertTrue(s.labels().isEmpty());
    }

    @Test
    void wideRecordWritesEveryNumericFieldAsItsOwnSeries() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", TEMPLATE, "ts.record.format", "wide",
            "ts.labels", "metric,location,device", "ts.labels.static", "site=plant-1"));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("location", "5");
        value.put("device", "1");
        value.put("temp", 20.1);
        value.put("pressure", 60);
        value.put("note", "not a number, not listed");
        List<Sample> samples = mapper.map(record(value));
        assertEquals(List.of("temp:5:1", "pressure:5:1"), samples.stream().map(Sample::key).toList());
        assertEquals(List.of(20.1, 60.0), samples.stream().map(Sample::value).toList());
        assertEquals(Map.of("metric", "pressure", "location", "5", "device", "1", "site", "plant-1"),
            samples.get(1).labels());
    }

    @Test
    void wideRecordWithListedFieldsSkipsAbsentOnes() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", "${device}.${metric}", "ts.record.format", "wide",
            "ts.value.fields", "temp,humidity"));
        List<Sample> samples = mapper.map(record(Map.of("device", "d", "temp", 1, "pressure", 2)));
        assertEquals(List.of("d.temp"), samples.stream().map(Sample::key).toList());
    }

    @Test
    void telegrafMetricBecomesOneSeriesPerFieldWithTagsAsLabels() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", "${metric}:${host}", "ts.record.format", "telegraf",
            "ts.timestamp.source", "field"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("usage_idle", 90.5);
        fields.put("usage_user", 3);
        Map<String, Object> metric = Map.of("name", "cpu", "tags", Map.of("host", "a", "cpu", "cpu0"),
            "fields", fields, "timestamp", 1_700_000_000L);
        List<Sample> samples = mapper.map(record(metric));
        assertEquals(List.of("cpu_usage_idle:a", "cpu_usage_user:a"), samples.stream().map(Sample::key).toList());
        assertEquals(1_700_000_000_000L, samples.get(0).timestamp());
        assertEquals(Map.of("host", "a", "cpu", "cpu0"), samples.get(0).labels());
        assertEquals(3.0, samples.get(1).value());
    }

    @Test
    void variablesComeFromTopicKeyAndHeaders() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", "${topic}/${key.site}/${header.unit}/${partition}",
            "ts.value.field", ""));
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("unit", "celsius");
        SinkRecord record = new SinkRecord("t", 3, null, Map.of("site", "s1"), null, 12.5, 9, 1L,
            TimestampType.CREATE_TIME, headers);
        Sample s = mapper.map(record).get(0);
        assertEquals("t/s1/celsius/3", s.key());
        assertEquals(12.5, s.value());
    }

    @Test
    void invalidValuesAreFlaggedAsSuch() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", "k"));
        for (Object bad : new Object[] {"abc", Double.NaN, Double.POSITIVE_INFINITY, List.of(1)}) {
            Map<String, Object> value = new HashMap<>();
            value.put("value", bad);
            MappingException e = assertThrows(MappingException.class, () -> mapper.map(record(value)));
            assertTrue(e.invalidValue(), bad + ": " + e.getMessage());
        }
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("value", null);
        assertTrue(assertThrows(MappingException.class, () -> mapper.map(record(nullValue))).invalidValue());
        assertEquals(1.0, mapper.map(record(Map.of("value", true))).get(0).value());
        assertEquals(2.5, mapper.map(record(Map.of("value", " 2.5"))).get(0).value());
    }

    @Test
    void missingKeyVariableOrEmptyLabelIsAMappingErrorNotAValueError() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", TEMPLATE, "ts.labels", "location"));
        MappingException missing = assertThrows(MappingException.class,
            () -> mapper.map(record(Map.of("metric", "m", "value", 1))));
        assertFalse(missing.invalidValue());
        assertTrue(missing.getMessage().contains("location"), missing.getMessage());
        MappingException empty = assertThrows(MappingException.class,
            () -> mapper.map(record(Map.of("metric", "m", "location", "", "device", "d", "value", 1))));
        assertTrue(empty.getMessage().contains("empty value"), empty.getMessage());
    }

    @Test
    void serverTimestampLeavesItToRedis() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", "k", "ts.timestamp.source", "server"));
        Sample s = mapper.map(record(Map.of("value", 1))).get(0);
        assertNull(s.timestamp());
        assertEquals("*", s.timestampArg());
    }

    @Test
    void negativeOrMissingTimestampIsRejected() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", "k", "ts.timestamp.source", "field",
            "ts.timestamp.unit", "milliseconds"));
        assertThrows(MappingException.class, () -> mapper.map(record(Map.of("value", 1, "timestamp", -5))));
        assertThrows(MappingException.class, () -> mapper.map(record(Map.of("value", 1))));
    }

    @Test
    void tombstoneKeyResolvesFromTheRecordKey() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", TEMPLATE));
        SinkRecord tombstone = new SinkRecord("t", 0, null, Map.of("metric", "temp", "location", "3", "device", "2"),
            null, null, 1);
        assertNull(mapper.value(tombstone));
        assertEquals("temp:3:2", mapper.deleteKey(tombstone));
    }

    @Test
    void theJsonFastPathGivesTheSamplesOfJsonConverter() {
        List<Map<String, String>> configs = List.of(
            Map.of("ts.key.template", TEMPLATE, "ts.labels", "metric,location,device", "ts.timestamp.source", "field",
                "ts.timestamp.field", "timestamp", "ts.labels.static", "src=test"),
            Map.of("ts.key.template", "${topic}:${meta.site}:${device}", "ts.labels", "meta.site",
                "ts.value.field", "reading.v", "ts.timestamp.source", "field", "ts.timestamp.field", "at"),
            Map.of("ts.key.template", "${device}:${metric}", "ts.record.format", "wide"),
            Map.of("ts.key.template", "${device}:${metric}", "ts.record.format", "wide", "ts.value.fields", "t,h"),
            Map.of("ts.key.template", "${measurement}:${field}:${host}", "ts.record.format", "telegraf",
                "ts.timestamp.source", "field", "ts.timestamp.field", "timestamp"),
            Map.of("ts.key.template", "${topic}", "ts.value.field", ""));
        List<String> values = List.of(
            "{\"metric\":\"temp\",\"location\":3,\"device\":\"d-1\",\"value\":21.5,\"timestamp\":1700000000123,"
                + "\"extra\":{\"a\":[1,2,{\"b\":null}]}}",
            "{\"device\":\"x\",\"meta\":{\"site\":\"s1\"},\"reading\":{\"v\":-0.0},\"at\":\"2024-01-02T03:04:05Z\","
                + "\"value\":\"7.25\",\"metric\":true}",
            "{\"device\":\"w\",\"t\":20,\"h\":55.5,\"s\":\"text\",\"flag\":false,\"value\":1e3}",
            "{\"name\":\"cpu\",\"tags\":{\"host\":\"h1\"},\"fields\":{\"idle\":90.5,\"user\":3},"
                + "\"timestamp\":1700000001}",
            "42.5");
        org.apache.kafka.connect.json.JsonConverter converter = new org.apache.kafka.connect.json.JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        for (Map<String, String> config : configs) {
            Map<String, String> fast = new HashMap<>(config);
            fast.put("value.format", "json");
            RecordMapper bytesMapper = mapper(fast);
            RecordMapper mapMapper = mapper(config);
            for (String json : values) {
                byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                Object converted = converter.toConnectData("device-readings", bytes).value();
                assertEquals(outcome(mapMapper, record(converted)), outcome(bytesMapper, record(bytes)),
                    config + " " + json);
            }
        }
        assertTrue(assertThrows(MappingException.class, () -> mapper(Map.of("value.format", "json"))
            .value(record("{\"value\":".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).getMessage()
            .contains("Malformed JSON"));
    }

    @Test
    void bothPathsNameEverySeriesRightWhileFindingRepeatedOnesByTheirValues() {
        Map<String, String> config = Map.of("ts.key.template", "${metric}:${location}:${device}",
            "ts.labels", "metric,location,device", "ts.value.field", "value");
        Map<String, String> fast = new HashMap<>(config);
        fast.put("value.format", "json");
        RecordMapper bytesMapper = mapper(fast);
        RecordMapper mapMapper = mapper(config);
        org.apache.kafka.connect.json.JsonConverter converter = new org.apache.kafka.connect.json.JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        Map<String, Object> firstKeyArgs = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            // devices as strings, as numbers and as numbers above the Long cache (a new Long every time)
            String device = i % 7 == 0 ? "7" : i % 7 == 1 ? "7000" : "\"d" + (i % 7) + "\"";
            String json = "{\"metric\":\"m" + (i % 3) + "\",\"location\":\"l" + (i % 5) + "\",\"device\":" + device
                + ",\"value\":" + i + "}";
            byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // JsonConverter makes new Strings for every record: they are found by value
            Object converted = converter.toConnectData("device-readings", bytes).value();
            assertEquals(outcome(mapMapper, record(converted)), outcome(bytesMapper, record(bytes)), json);
            assertEquals("m" + (i % 3) + ":l" + (i % 5) + ":" + device.replace("\"", ""),
                mapMapper.map(record(converter.toConnectData("device-readings", bytes).value())).get(0).key());
            Sample sample = bytesMapper.map(record(bytes)).get(0);
            Object first = firstKeyArgs.putIfAbsent(sample.key(), sample.keyArg());
            assertTrue(first == null || first == sample.keyArg(), "one series object per key: " + sample.key());
        }
        assertEquals(3 * 5 * 7, firstKeyArgs.size());
        // Values that change with every record never match: the mapper stops looking them up that way after a
        // while, and keeps naming every series right.
        for (int i = 0; i < 25_000; i++) {
            String json = "{\"metric\":\"m\",\"location\":\"l\",\"device\":" + (1000 + i) + ",\"value\":1}";
            assertEquals("m:l:" + (1000 + i), bytesMapper.map(record(json.getBytes(
                java.nio.charset.StandardCharsets.UTF_8))).get(0).key());
        }
    }

    @Test
    void aKeyVariableHoldingAnObjectIsNamedByItsTextNotByAnEqualObjectSeenBefore() {
        RecordMapper mapper = mapper(Map.of("ts.key.template", "${metric}:${tags}", "ts.value.field", "value"));
        Map<String, Object> ab = new java.util.LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Object> ba = new java.util.LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        assertEquals("t:{a=1, b=2}", mapper.map(record(Map.of("metric", "t", "tags", ab, "value", 1))).get(0).key());
        // equal maps, another order: another text, so another key
        assertEquals("t:{b=2, a=1}", mapper.map(record(Map.of("metric", "t", "tags", ba, "value", 1))).get(0).key());
    }

    /** The samples (without their record) or the mapping error of {@code record}. */
    private static Object outcome(RecordMapper mapper, SinkRecord record) {
        try {
            return mapper.map(record).stream().map(s -> List.of(s.key(), String.valueOf(s.timestamp()), s.value(),
                s.labels())).toList();
        } catch (MappingException e) {
            return e.getMessage() + " invalid=" + e.invalidValue();
        }
    }

    static RecordMapper mapper(Map<String, String> props) {
        Map<String, String> all = new HashMap<>(props);
        all.put("redis.hosts", "localhost:6379");
        return new RecordMapper(new RedisTimeSeriesSinkConfig(all).mapping());
    }

    static SinkRecord record(Object value) {
        return new SinkRecord("device-readings", 0, null, null, null, value, 1, 1_000L, TimestampType.CREATE_TIME);
    }

    static MappingConfig mapping(Map<String, String> props) {
        Map<String, String> all = new HashMap<>(props);
        all.put("redis.hosts", "localhost:6379");
        return new RedisTimeSeriesSinkConfig(all).mapping();
    }
}
