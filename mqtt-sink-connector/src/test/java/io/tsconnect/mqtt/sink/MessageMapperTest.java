package io.tsconnect.mqtt.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.tsconnect.mqtt.sink.config.MqttSinkConfig;

class MessageMapperTest {
    private static final Schema READING = SchemaBuilder.struct().name("reading")
        .field("location", Schema.STRING_SCHEMA).field("device", Schema.STRING_SCHEMA)
        .field("value", Schema.FLOAT64_SCHEMA).field("price", Decimal.schema(2)).build();

    private static MessageMapper mapper(boolean mqtt5, String... props) {
        Map<String, String> p = new HashMap<>();
        p.put(MqttSinkConfig.SERVER_URIS_CONFIG, "tcp://b:1883");
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        return new MessageMapper(new MqttSinkConfig(p).messages(), mqtt5);
    }

    private static SinkRecord record(Object key, Object value, ConnectHeaders headers) {
        return new SinkRecord("readings", 0, null, key, null, value, 7, 1L, null, headers);
    }

    private static Struct reading() {
        return new Struct(READING).put("location", "hall").put("device", "t-1").put("value", 31.5)
            .put("price", new BigDecimal("1.25"));
    }

    private static String text(OutboundMessage m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void topicTemplatesUseValueFieldsKeyHeadersAndTheKafkaTopic() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("site", "north");
        OutboundMessage m = mapper(true, "mqtt.topic", "${header.site}/${topic}/${location}/${device}/${key}")
            .map(record("k1", reading(), headers));
        assertEquals("north/readings/hall/t-1/k1", m.topic());
        assertEquals("fixed/topic", mapper(true, "mqtt.topic", "fixed/topic").map(record("k", reading(),
            new ConnectHeaders())).topic());
    }

    @Test
    void recordsWithoutAValidTopicAreRefusedWithTheReason() {
        MessageMapper mapper = mapper(true, "mqtt.topic", "devices/${location}/${device}");
        Map<String, Object> wildcard = Map.of("location", "hall", "device", "#");
        String why = assertThrows(UnpublishableRecordException.class,
            () -> mapper.map(record(null, wildcard, new ConnectHeaders()))).getMessage();
        assertTrue(why.contains("wildcard '#'"), why);
        why = assertThrows(UnpublishableRecordException.class,
            () -> mapper.map(record(null, Map.of("location", "hall"), new ConnectHeaders()))).getMessage();
        assertTrue(why.contains("no 'device'"), why);
        why = assertThrows(UnpublishableRecordException.class, () -> mapper.map(record(null,
            Map.of("location", "", "device", "d"), new ConnectHeaders()))).getMessage();
        assertTrue(why.contains("'${location}'") && why.contains("empty"), why);
        why = assertThrows(UnpublishableRecordException.class, () -> mapper(true, "mqtt.topic", "${t}")
            .map(record(null, Map.of("t", "$SYS/x"), new ConnectHeaders()))).getMessage();
        assertTrue(why.contains("starts with $"), why);
    }

    @Test
    void jsonPayloadsFromStructsMapsAndJsonText() {
        MessageMapper mapper = mapper(true);
        assertEquals("{\"location\":\"hall\",\"device\":\"t-1\",\"value\":31.5,\"price\":1.25}",
            text(mapper.map(record(null, reading(), new ConnectHeaders()))));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", List.of(1, 2L));
        map.put("b", null);
        assertEquals("{\"a\":[1,2],\"b\":null}", text(mapper.map(record(null, map, new ConnectHeaders()))));
        assertEquals("{\"already\":\"json\"}",
            text(mapper.map(record(null, "{\"already\":\"json\"}", new ConnectHeaders()))));
    }

    @Test
    void bytesAndFieldPayloads() {
        byte[] raw = {0, 1, (byte) 0xff};
        assertArrayEquals(raw, mapper(true, "payload.format", "bytes").map(record(null, raw,
            new ConnectHeaders())).payload());
        String why = assertThrows(UnpublishableRecordException.class, () -> mapper(true, "payload.format", "bytes")
            .map(record(null, reading(), new ConnectHeaders()))).getMessage();
        assertTrue(why.contains("Struct") && why.contains("raw bytes"), why);
        MessageMapper field = mapper(true, "payload.format", "field", "payload.field", "device");
        assertEquals("t-1", text(field.map(record(null, reading(), new ConnectHeaders()))));
        assertEquals("31.5", text(mapper(true, "payload.format", "field", "payload.field", "value")
            .map(record(null, reading(), new ConnectHeaders()))));
        assertThrows(UnpublishableRecordException.class, () -> field.map(record(null, Map.of("x", 1),
            new ConnectHeaders())));
    }

    @Test
    void qosAndRetainFromTheConfigOrTheRecord() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("qos", "2");
        MessageMapper mapper = mapper(true, "mqtt.qos", "0", "mqtt.qos.field", "header.qos", "mqtt.retain.field",
            "keep");
        OutboundMessage m = mapper.map(record(null, Map.of("keep", true), headers));
        assertEquals(2, m.qos());
        assertTrue(m.retain());
        OutboundMessage defaults = mapper.map(record(null, Map.of("x", 1), new ConnectHeaders()));
        assertEquals(0, defaults.qos());
        assertFalse(defaults.retain());
        ConnectHeaders bad = new ConnectHeaders();
        bad.addString("qos", "3");
        assertThrows(UnpublishableRecordException.class, () -> mapper.map(record(null, Map.of("x", 1), bad)));
    }

    @Test
    void tombstonesAreIgnoredClearTheRetainedMessageOrFail() {
        SinkRecord tombstone = record(Map.of("device", "t-1"), null, new ConnectHeaders());
        assertNull(mapper(true, "mqtt.topic", "devices/${device}").map(tombstone));
        OutboundMessage clear = mapper(true, "mqtt.topic", "devices/${device}", "behavior.on.null.values",
            "clear_retained").map(tombstone);
        assertEquals("devices/t-1", clear.topic(), "fields of a tombstone come from its key");
        assertTrue(clear.retain());
        assertEquals(0, clear.payload().length);
        assertThrows(UnpublishableRecordException.class, () -> mapper(true, "behavior.on.null.values", "fail")
            .map(tombstone));
    }

    @Test
    void mqtt5PropertiesComeFromHeaders() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("mqtt.content.type", "application/json");
        headers.addString("mqtt.response.topic", "replies/t-1");
        headers.addBytes("mqtt.correlation.data", new byte[] {1, 2});
        headers.addLong("mqtt.message.expiry.interval", 60);
        headers.addString("site", "north");
        headers.addString("other", "x");
        OutboundMessage m = mapper(true, "mqtt.user.properties.headers", "site").map(record(null, reading(),
            headers));
        OutboundMessage.Mqtt5Properties p = m.properties();
        assertEquals("application/json", p.contentType());
        assertEquals("replies/t-1", p.responseTopic());
        assertArrayEquals(new byte[] {1, 2}, p.correlationData());
        assertEquals(60L, p.messageExpirySeconds());
        assertEquals(List.of(Map.entry("site", "north")), p.userProperties());
        List<Map.Entry<String, String>> all = mapper(true, "mqtt.user.properties.headers", "*")
            .map(record(null, reading(), headers)).properties().userProperties();
        assertEquals(List.of(Map.entry("site", "north"), Map.entry("other", "x")), all,
            "the property headers themselves are not user properties");
        assertFalse(mapper(false).map(record(null, reading(), headers)).properties().any(), "MQTT 3.1.1 has none");
        assertEquals(30L, mapper(true, "mqtt.message.expiry.seconds", "30").map(record(null, reading(),
            new ConnectHeaders())).properties().messageExpirySeconds());
    }
}
