package io.tsconnect.mqtt.sparkplug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.tsconnect.mqtt.InboundMessage;
import io.tsconnect.mqtt.MqttSourceRecord;
import io.tsconnect.mqtt.MqttTaskMetrics;
import io.tsconnect.mqtt.RecordMapper;
import io.tsconnect.mqtt.SessionOffset;
import io.tsconnect.mqtt.UnmappableMessageException;
import io.tsconnect.mqtt.config.MqttSourceConfig;
import io.tsconnect.sparkplug.proto.SparkplugArrays;
import io.tsconnect.sparkplug.proto.SparkplugB.DataType;
import io.tsconnect.sparkplug.proto.SparkplugB.Payload;
import io.tsconnect.sparkplug.proto.SparkplugB.Payload.Metric;

class SparkplugMapperTest {
    private static final long T0 = 1_700_000_000_000L;
    private final AtomicInteger acks = new AtomicInteger();
    private final List<String> published = new ArrayList<>();
    private final List<Payload> commands = new ArrayList<>();
    private final MqttTaskMetrics metrics = new MqttTaskMetrics();
    private final AtomicLong clock = new AtomicLong(T0);
    private final Map<String, Map<String, Object>> stored = new HashMap<>();

    private SparkplugMapper mapper(String... kv) {
        Map<String, String> props = new HashMap<>();
        props.put("mqtt.server.uris", "tcp://localhost:1883");
        props.put("mqtt.topic.filters", "spBv1.0/#");
        props.put("kafka.topic", "sp-${2}");
        props.put("value.format", "sparkplug_b");
        props.put("sparkplug.state.topic", "sp-state");
        props.put("sparkplug.rebirth.enabled", "true");
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        MqttSourceConfig config = new MqttSourceConfig(props);
        SessionOffset session = new SessionOffset("c-0", List.of("spBv1.0/#;qos=1"));
        RebirthRequests rebirths = new RebirthRequests(true, 10_000, (topic, payload) -> {
            published.add(topic);
            try {
                commands.add(Payload.parseFrom(payload));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
            return CompletableFuture.completedFuture(null);
        }, metrics, clock::get);
        return new SparkplugMapper(new RecordMapper(config.records(), session), config.records(),
            config.sparkplug(), session, new SparkplugDecoder(stored::get), rebirths);
    }

    private InboundMessage message(String topic, byte[] payload) {
        return new InboundMessage(topic, payload, 1, false, List.of(), null, null, null, T0 + 5,
            acks::incrementAndGet);
    }

    private List<MqttSourceRecord> map(SparkplugMapper mapper, String topic, Payload.Builder payload) {
        return mapper.map(message(topic, payload.build().toByteArray()));
    }

    private static Payload.Builder payload(long seq, Metric.Builder... metrics) {
        Payload.Builder p = Payload.newBuilder().setTimestamp(T0).setSeq(seq);
        for (Metric.Builder m : metrics) {
            p.addMetrics(m);
        }
        return p;
    }

    private static Metric.Builder metric(String name, long alias, DataType type) {
        return Metric.newBuilder().setName(name).setAlias(alias).setDatatype(type.getNumber());
    }

    private static Metric.Builder byAlias(long alias) {
        return Metric.newBuilder().setAlias(alias);
    }

    private static Payload.Builder nbirth(long bdSeq) {
        return payload(0, metric("bdSeq", 0, DataType.Int64).setLongValue(bdSeq),
            metric("Node Control/Rebirth", 1, DataType.Boolean).setBooleanValue(false));
    }

    private static Struct value(MqttSourceRecord r) {
        return (Struct) r.value();
    }

    private static List<MqttSourceRecord> on(List<MqttSourceRecord> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** A DBIRTH with one metric of every datatype a metric can have, all as typed values in one message record. */
    @Test
    void everyDatatypeBecomesItsTypedConnectValue() {
        SparkplugMapper mapper = mapper("sparkplug.output", "message");
        map(mapper, "spBv1.0/plant/NBIRTH/edge1", nbirth(0));
        Payload.DataSet dataSet = Payload.DataSet.newBuilder().setNumOfColumns(2).addColumns("n").addColumns("s")
            .addTypes(DataType.Int32_VALUE).addTypes(DataType.String_VALUE)
            .addRows(Payload.DataSet.Row.newBuilder()
                .addElements(Payload.DataSet.DataSetValue.newBuilder().setIntValue(-5))
                .addElements(Payload.DataSet.DataSetValue.newBuilder().setStringValue("a")))
            .build();
        Payload.Template template = Payload.Template.newBuilder().setTemplateRef("Motor").setVersion("1")
            .addParameters(Payload.Template.Parameter.newBuilder().setName("rated").setType(DataType.Float_VALUE)
                .setFloatValue(7.5f))
            .addMetrics(Metric.newBuilder().setName("rpm").setDatatype(DataType.UInt16_VALUE).setIntValue(1500))
            .build();
        List<MqttSourceRecord> records = map(mapper, "spBv1.0/plant/DBIRTH/edge1/dev1", payload(1,
            metric("i8", 10, DataType.Int8).setIntValue(-1),
            metric("i16", 11, DataType.Int16).setIntValue(-300),
            metric("i32", 12, DataType.Int32).setIntValue(-70_000),
            metric("i64", 13, DataType.Int64).setLongValue(-5_000_000_000L),
            metric("u8", 14, DataType.UInt8).setIntValue(255),
            metric("u16", 15, DataType.UInt16).setIntValue(65_535),
            metric("u32", 16, DataType.UInt32).setIntValue(-1),
            metric("u64", 17, DataType.UInt64).setLongValue(Long.MAX_VALUE),
            metric("f", 18, DataType.Float).setFloatValue(1.25f),
            metric("d", 19, DataType.Double).setDoubleValue(2.5),
            metric("b", 20, DataType.Boolean).setBooleanValue(true),
            metric("s", 21, DataType.String).setStringValue("hello"),
            metric("dt", 22, DataType.DateTime).setLongValue(T0),
            metric("text", 23, DataType.Text).setStringValue("long text"),
            metric("uuid", 24, DataType.UUID).setStringValue("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
            metric("ds", 25, DataType.DataSet).setDatasetValue(dataSet),
            metric("bytes", 26, DataType.Bytes).setBytesValue(ByteString.copyFrom(new byte[] {1, 2})),
            metric("file", 27, DataType.File).setBytesValue(ByteString.copyFromUtf8("x")),
            metric("tpl", 28, DataType.Template).setTemplateValue(template),
            array("i8a", 29, DataType.Int8Array, List.of((byte) -1, (byte) 2)),
            array("i16a", 30, DataType.Int16Array, List.of((short) -1)),
            array("i32a", 31, DataType.Int32Array, List.of(-1, 1)),
            array("i64a", 32, DataType.Int64Array, List.of(-1L)),
            array("u8a", 33, DataType.UInt8Array, List.of((short) 255)),
            array("u16a", 34, DataType.UInt16Array, List.of(65_535)),
            array("u32a", 35, DataType.UInt32Array, List.of(4_294_967_295L)),
            array("u64a", 36, DataType.UInt64Array, List.of(7L)),
            array("fa", 37, DataType.FloatArray, List.of(0.5f)),
            array("da", 38, DataType.DoubleArray, List.of(0.25, 4.0)),
            array("ba", 39, DataType.BooleanArray, List.of(true, false, true)),
            array("sa", 40, DataType.StringArray, List.of("x", "y")),
            array("dta", 41, DataType.DateTimeArray, List.of(T0)),
            metric("nothing", 42, DataType.Double).setIsNull(true)));
        MqttSourceRecord record = on(records, "sp-plant").get(0);
        assertEquals("plant/edge1/dev1", record.key());
        Struct m = value(record).getStruct("metrics");
        assertEquals((byte) -1, m.get("i8"));
        assertEquals((short) -300, m.get("i16"));
        assertEquals(-70_000, m.get("i32"));
        assertEquals(-5_000_000_000L, m.get("i64"));
        assertEquals((short) 255, m.get("u8"));
        assertEquals(65_535, m.get("u16"));
        assertEquals(4_294_967_295L, m.get("u32"));
        assertEquals(Long.MAX_VALUE, m.get("u64"));
        assertEquals(1.25f, m.get("f"));
        assertEquals(2.5, m.get("d"));
        assertEquals(true, m.get("b"));
        assertEquals("hello", m.get("s"));
        assertEquals(new Date(T0), m.get("dt"));
        assertEquals("org.apache.kafka.connect.data.Timestamp", m.schema().field("dt").schema().name());
        assertEquals("long text", m.get("text"));
        assertEquals("7c9e6679-7425-40de-944b-e07fc1f90ae7", m.get("uuid"));
        Struct ds = m.getStruct("ds");
        assertEquals(List.of("n", "s"), ds.getArray("columns"));
        Struct row = (Struct) ds.getArray("rows").get(0);
        assertEquals(-5, row.get("n"));
        assertEquals("a", row.get("s"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) m.get("bytes"));
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), (byte[]) m.get("file"));
        Struct tpl = m.getStruct("tpl");
        assertEquals("Motor", tpl.get("template_ref"));
        assertEquals(7.5f, tpl.getStruct("parameters").get("rated"));
        assertEquals(1500, tpl.getStruct("metrics").get("rpm"));
        assertEquals(List.of((byte) -1, (byte) 2), m.get("i8a"));
        assertEquals(List.of((short) -1), m.get("i16a"));
        assertEquals(List.of(-1, 1), m.get("i32a"));
        assertEquals(List.of(-1L), m.get("i64a"));
        assertEquals(List.of((short) 255), m.get("u8a"));
        assertEquals(List.of(65_535), m.get("u16a"));
        assertEquals(List.of(4_294_967_295L), m.get("u32a"));
        assertEquals(List.of(7L), m.get("u64a"));
        assertEquals(List.of(0.5f), m.get("fa"));
        assertEquals(List.of(0.25, 4.0), m.get("da"));
        assertEquals(List.of(true, false, true), m.get("ba"));
        assertEquals(List.of("x", "y"), m.get("sa"));
        assertEquals(List.of(new Date(T0)), m.get("dta"));
        assertNull(m.get("nothing"));
        assertEquals(Schema.Type.FLOAT64, m.schema().field("nothing").schema().type());
        // validates against its schema, as a converter would
        value(record).validate();
    }

    private static Metric.Builder array(String name, long alias, DataType type, List<?> values) {
        return metric(name, alias, type).setBytesValue(ByteString.copyFrom(SparkplugArrays.encode(type, values)));
    }

    @Test
    void perMetricRecordsPutEachValueInTheFieldOfItsKind() {
        SparkplugMapper mapper = mapper();
        map(mapper, "spBv1.0/plant/NBIRTH/edge1", nbirth(0));
        Payload.PropertySet props = Payload.PropertySet.newBuilder().addKeys("engUnit").addKeys("limits")
            .addValues(Payload.PropertyValue.newBuilder().setType(DataType.String_VALUE).setStringValue("C"))
            .addValues(Payload.PropertyValue.newBuilder().setType(DataType.PropertySet_VALUE)
                .setPropertysetValue(Payload.PropertySet.newBuilder().addKeys("hi")
                    .addValues(Payload.PropertyValue.newBuilder().setType(DataType.Double_VALUE)
                        .setDoubleValue(90))))
            .build();
        List<MqttSourceRecord> records = on(map(mapper, "spBv1.0/plant/DBIRTH/edge1/dev1", payload(1,
            metric("temp", 10, DataType.Double).setDoubleValue(21.5).setTimestamp(T0 - 1000).setProperties(props),
            metric("count", 11, DataType.Int8).setIntValue(-1),
            metric("big", 12, DataType.UInt64).setLongValue(-1L),
            metric("on", 13, DataType.Boolean).setBooleanValue(true),
            metric("when", 14, DataType.DateTime).setLongValue(T0),
            metric("name", 15, DataType.String).setStringValue("pump"),
            metric("levels", 16, DataType.Int16Array).setBytesValue(ByteString.copyFrom(
                SparkplugArrays.encode(DataType.Int16Array, List.of(1, 2)))),
            metric("gone", 17, DataType.Float).setIsNull(true).setIsHistorical(true))), "sp-plant");
        assertEquals(8, records.size());
        Struct temp = value(records.get(0));
        assertEquals("plant", temp.get("group"));
        assertEquals("edge1", temp.get("edge_node"));
        assertEquals("dev1", temp.get("device"));
        assertEquals("temp", temp.get("metric"));
        assertEquals("Double", temp.get("datatype"));
        assertEquals("DBIRTH", temp.get("message_type"));
        assertEquals(T0 - 1000, temp.get("timestamp"));
        assertEquals(T0 - 1000, records.get(0).timestamp());
        assertEquals(21.5, temp.get("value"));
        assertEquals("{\"engUnit\":\"C\",\"limits\":{\"hi\":90.0}}", temp.get("properties"));
        Struct count = value(records.get(1));
        assertEquals(-1.0, count.get("value"));
        assertEquals(-1L, count.get("value_long"));
        assertEquals(T0, records.get(1).timestamp(), "without a metric timestamp, the payload's");
        Struct big = value(records.get(2));
        assertEquals("18446744073709551615", big.get("value_text"));
        assertNull(big.get("value_long"));
        Struct on = value(records.get(3));
        assertEquals(true, on.get("value_bool"));
        assertEquals(1.0, on.get("value"));
        assertEquals((double) T0, value(records.get(4)).get("value"));
        assertEquals(T0, value(records.get(4)).get("value_long"));
        assertEquals("pump", value(records.get(5)).get("value_text"));
        assertNull(value(records.get(5)).get("value"));
        assertEquals("[1,2]", value(records.get(6)).get("value_text"));
        Struct gone = value(records.get(7));
        assertEquals(true, gone.get("is_null"));
        assertEquals(true, gone.get("is_historical"));
        assertNull(gone.get("value"));
        records.forEach(r -> value(r).validate());
    }

    @Test
    void perMessageRecordsKeepEachMetricsTimestampAndProperties() {
        SparkplugMapper mapper = mapper("sparkplug.output", "message");
        map(mapper, "spBv1.0/plant/NBIRTH/edge1", nbirth(0));
        Payload.PropertySet unit = Payload.PropertySet.newBuilder().addKeys("engUnit")
            .addValues(Payload.PropertyValue.newBuilder().setType(DataType.String_VALUE).setStringValue("C")).build();
        Struct birth = value(on(map(mapper, "spBv1.0/plant/DBIRTH/edge1/dev1", payload(1,
            metric("temp", 10, DataType.Double).setDoubleValue(21.5).setTimestamp(T0 - 1000).setProperties(unit),
            metric("count", 11, DataType.Int32).setIntValue(3),
            metric("gone", 12, DataType.Float).setIsNull(true))), "sp-plant").get(0));
        birth.validate();
        assertEquals(21.5, birth.getStruct("metrics").get("temp"));
        assertNull(birth.getStruct("metrics").get("gone"), "an is_null metric is null");
        Struct timestamps = birth.getStruct("metric_timestamps");
        assertEquals(T0 - 1000, timestamps.get("temp"));
        assertEquals(T0, timestamps.get("count"), "without a metric timestamp, the payload's");
        assertEquals(T0, timestamps.get("gone"));
        Struct properties = birth.getStruct("metric_properties");
        assertEquals("{\"engUnit\":\"C\"}", properties.get("temp"));
        assertNull(properties.schema().field("count"), "only metrics with properties have a field");

        Struct data = value(on(map(mapper, "spBv1.0/plant/DDATA/edge1/dev1", payload(2,
            byAlias(11).setIntValue(4).setTimestamp(T0 + 7))), "sp-plant").get(0));
        data.validate();
        assertEquals(4, data.getStruct("metrics").get("count"));
        assertEquals(T0 + 7, data.getStruct("metric_timestamps").get("count"));
        assertNull(data.get("metric_properties"), "no metric has properties");
    }

    @Test
    void dataByAliasCarriesTheNamesTheBirthsDeclaredAndSequenceWrapsWithoutAGap() {
        SparkplugMapper mapper = mapper();
        map(mapper, "spBv1.0/g/NBIRTH/e", nbirth(0).setSeq(250));
        map(mapper, "spBv1.0/g/DBIRTH/e/d", payload(251, metric("temp", 7, DataType.Float).setFloatValue(1f)));
        for (int i = 0; i < 8; i++) {
            long seq = (252 + i) % 256;
            List<MqttSourceRecord> records = map(mapper, "spBv1.0/g/DDATA/e/d",
                payload(seq, byAlias(7).setFloatValue(i)));
            Struct v = value(records.get(0));
            assertEquals("temp", v.get("metric"));
            assertEquals("Float", v.get("datatype"), "the datatype comes from the birth");
            assertEquals((double) i, v.get("value"));
        }
        assertEquals(0, metrics.getSparkplugSequenceGaps());
        assertTrue(published.isEmpty());
    }

    @Test
    void aGapRequestsOneRebirthPerIntervalAndIsNeverAFailure() {
        SparkplugMapper mapper = mapper();
        map(mapper, "spBv1.0/g/NBIRTH/e", nbirth(3));
        map(mapper, "spBv1.0/g/DBIRTH/e/d", payload(1, metric("temp", 7, DataType.Float).setFloatValue(1f)));
        List<MqttSourceRecord> afterGap = map(mapper, "spBv1.0/g/DDATA/e/d", payload(5, byAlias(7)
            .setFloatValue(2f)));
        assertEquals(2.0, value(afterGap.get(0)).get("value"), "the message is still decoded");
        assertEquals(List.of("spBv1.0/g/NCMD/e"), published);
        Metric rebirth = commands.get(0).getMetrics(0);
        assertEquals("Node Control/Rebirth", rebirth.getName());
        assertTrue(rebirth.getBooleanValue());
        assertEquals(DataType.Boolean_VALUE, rebirth.getDatatype());

        map(mapper, "spBv1.0/g/DDATA/e/d", payload(9, byAlias(7).setFloatValue(3f)));
        assertEquals(1, published.size(), "within the interval: counted, not requested again");
        clock.addAndGet(10_000);
        map(mapper, "spBv1.0/g/DDATA/e/d", payload(20, byAlias(7).setFloatValue(3f)));
        assertEquals(2, published.size());
        assertEquals(3, metrics.getSparkplugSequenceGaps());
        assertEquals(2, metrics.getSparkplugRebirthRequests());
    }

    @Test
    void unknownAliasesAreSkippedCountedAndAskForARebirth() {
        SparkplugMapper mapper = mapper();
        map(mapper, "spBv1.0/g/NBIRTH/e", nbirth(0));
        List<MqttSourceRecord> records = map(mapper, "spBv1.0/g/NDATA/e", payload(1,
            byAlias(1).setBooleanValue(true), byAlias(99).setDoubleValue(1), byAlias(98).setDoubleValue(2)));
        assertEquals(1, records.size());
        assertEquals("Node Control/Rebirth", value(records.get(0)).get("metric"));
        assertNull(value(records.get(0)).get("device"));
        assertEquals("g/e", records.get(0).key());
        assertEquals(2, metrics.getSparkplugUnknownAliases());
        assertEquals(List.of("spBv1.0/g/NCMD/e"), published);
    }

    @Test
    void aRestartedTaskNamesAliasesFromTheStoredOffset() {
        SparkplugMapper first = mapper();
        map(first, "spBv1.0/g/NBIRTH/e", nbirth(4));
        List<MqttSourceRecord> birth = map(first, "spBv1.0/g/DBIRTH/e/d",
            payload(1, metric("temp", 7, DataType.Float).setFloatValue(1f),
                metric("label", 8, DataType.String).setStringValue("x")));
        MqttSourceRecord last = birth.get(birth.size() - 1);
        assertEquals(Map.of("mqtt.client.id", "c-0", "sparkplug.edge.node", "g/e"), last.sourcePartition());
        stored.put("g/e", new HashMap<>(castOffset(last.sourceOffset())));

        SparkplugMapper restarted = mapper();
        List<MqttSourceRecord> data = map(restarted, "spBv1.0/g/DDATA/e/d", payload(2, byAlias(7).setFloatValue(5f),
            byAlias(8).setStringValue("y")));
        assertEquals("temp", value(on(data, "sp-g").get(0)).get("metric"));
        assertEquals("Float", value(on(data, "sp-g").get(0)).get("datatype"));
        assertEquals("label", value(on(data, "sp-g").get(1)).get("metric"));
        assertEquals(0, metrics.getSparkplugSequenceGaps(), "the sequence count survives too");
        assertTrue(published.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castOffset(Map<String, ?> offset) {
        return (Map<String, Object>) offset;
    }

    @Test
    void dataBeforeAnyBirthAsksForOne() {
        SparkplugMapper mapper = mapper();
        assertTrue(on(map(mapper, "spBv1.0/g/DDATA/e/d", payload(9, byAlias(7).setFloatValue(5f))), "sp-g")
            .isEmpty());
        assertEquals(1, metrics.getSparkplugMissingBirths());
        assertEquals(List.of("spBv1.0/g/NCMD/e"), published);
    }

    @Test
    void birthsAndDeathsMakeStateRecordsAndAStaleDeathIsIgnored() {
        SparkplugMapper mapper = mapper();
        List<MqttSourceRecord> birth = map(mapper, "spBv1.0/g/NBIRTH/e", nbirth(5));
        Struct online = value(on(birth, "sp-state").get(0));
        assertEquals("ONLINE", online.get("state"));
        assertEquals(5L, online.get("bd_seq"));
        assertEquals("g/e", on(birth, "sp-state").get(0).key());

        List<MqttSourceRecord> ddeath = map(mapper, "spBv1.0/g/DDEATH/e/d", payload(1));
        assertEquals(1, ddeath.size());
        assertEquals("OFFLINE", value(ddeath.get(0)).get("state"));
        assertEquals("d", value(ddeath.get(0)).get("device"));
        assertEquals("g/e/d", ddeath.get(0).key());

        Payload.Builder stale = Payload.newBuilder().setTimestamp(T0)
            .addMetrics(metric("bdSeq", 0, DataType.Int64).setLongValue(4));
        assertTrue(map(mapper, "spBv1.0/g/NDEATH/e", stale).isEmpty(), "bdSeq 4 is an older session's");
        Payload.Builder death = Payload.newBuilder().setTimestamp(T0)
            .addMetrics(metric("bdSeq", 0, DataType.Int64).setLongValue(5));
        List<MqttSourceRecord> ndeath = map(mapper, "spBv1.0/g/NDEATH/e", death);
        assertEquals(List.of("sp-state"), ndeath.stream().map(MqttSourceRecord::topic).toList());
        assertEquals("OFFLINE", value(ndeath.get(0)).get("state"));
        assertEquals(0, metrics.getSparkplugSequenceGaps());
    }

    @Test
    void hostApplicationStateIn3p0JsonAndTheOlderText() {
        SparkplugMapper mapper = mapper();
        List<MqttSourceRecord> json = mapper.map(message("spBv1.0/STATE/scada",
            "{\"online\":false,\"timestamp\":1700000000999}".getBytes(StandardCharsets.UTF_8)));
        Struct state = value(json.get(0));
        assertEquals("scada", state.get("host_id"));
        assertEquals("OFFLINE", state.get("state"));
        assertEquals(1_700_000_000_999L, state.get("timestamp"));
        assertEquals("STATE/scada", json.get(0).key());
        assertEquals(Map.of("mqtt.client.id", "c-0"), json.get(0).sourcePartition());
        assertEquals("ONLINE", value(mapper.map(message("STATE/old", "ONLINE".getBytes(StandardCharsets.UTF_8)))
            .get(0)).get("state"));
    }

    @Test
    void commandsMakeNoRecord() {
        SparkplugMapper mapper = mapper();
        assertTrue(map(mapper, "spBv1.0/g/NCMD/e", Payload.newBuilder().addMetrics(
            Metric.newBuilder().setName("Node Control/Rebirth").setBooleanValue(true))).isEmpty());
    }

    @Test
    void malformedPayloadsAndForeignTopicsTakeTheErrorPath() {
        SparkplugMapper mapper = mapper();
        UnmappableMessageException bad = assertThrows(UnmappableMessageException.class,
            () -> mapper.map(message("spBv1.0/g/NDATA/e", new byte[] {(byte) 0xFF, 0x01, 0x02})));
        assertTrue(bad.getMessage().contains("not a Sparkplug B protobuf payload"), bad.getMessage());
        assertThrows(UnmappableMessageException.class, () -> mapper.map(message("devices/1/temp", new byte[0])));
        assertThrows(UnmappableMessageException.class, () -> mapper.map(message("spBv1.0/g/NDATA/e/extra",
            new byte[0])));
        map(mapper, "spBv1.0/g/NBIRTH/e", nbirth(0));
        UnmappableMessageException mismatch = assertThrows(UnmappableMessageException.class, () -> map(mapper,
            "spBv1.0/g/NDATA/e", payload(1, metric("x", 50, DataType.Int32).setStringValue("not a number"))));
        assertTrue(mismatch.getMessage().contains("Int32"), mismatch.getMessage());
    }

    @Test
    void keyModeNoneLeavesTheKeyOut() {
        List<MqttSourceRecord> records = map(mapper("key.mode", "none"), "spBv1.0/g/NBIRTH/e", nbirth(0));
        records.forEach(r -> assertNull(r.key()));
        assertFalse(records.isEmpty());
    }
}
