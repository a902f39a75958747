package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.junit.jupiter.api.Test;

import io.tsconnect.mqtt.config.MqttSourceConfig;

class RecordMapperTest {
    private final Messages messages = new Messages();

    private static RecordMapper mapper(String... kv) {
        Map<String, String> props = new HashMap<>();
        props.put("mqtt.server.uris", "tcp://localhost:1883");
        props.put("mqtt.topic.filters", "#");
        props.put("kafka.topic", "readings");
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        return new RecordMapper(new MqttSourceConfig(props).records(), new SessionOffset("c-0", List.of("#;qos=1")));
    }

    @Test
    void defaultsAreBytesKeyedByTopicWithMqttHeaders() {
        MqttSourceRecord r = mapper().map(messages.message("devices/1/temp", "21.5",
            List.of(Map.entry("site", "north"), Map.entry("site", "south"))));
        assertEquals("readings", r.topic());
        assertEquals("devices/1/temp", r.key());
        assertEquals(Schema.OPTIONAL_BYTES_SCHEMA, r.valueSchema());
        assertArrayEquals("21.5".getBytes(StandardCharsets.UTF_8), (byte[]) r.value());
        assertEquals(1_700_000_000_000L, r.timestamp());
        Map<String, List<Object>> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.computeIfAbsent(h.key(), k -> new ArrayList<>()).add(h.value());
        }
        assertEquals(List.of("devices/1/temp"), headers.get("mqtt.topic"));
        assertEquals(List.of(1), headers.get("mqtt.qos"));
        assertEquals(List.of(false), headers.get("mqtt.retain"));
        assertEquals(List.of("application/json"), headers.get("mqtt.content.type"));
        assertEquals(List.of("replies/1"), headers.get("mqtt.response.topic"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) headers.get("mqtt.correlation.data").get(0));
        assertEquals(List.of("north", "south"), headers.get("site"));
        assertEquals(Map.of("mqtt.client.id", "c-0"), r.sourcePartition());
    }

    @Test
    void jsonStructKeyFieldAndTimestampField() {
        MqttSourceRecord r = mapper("value.format", "json", "key.mode", "field", "key.field", "meta.device",
            "timestamp.mode", "field", "timestamp.field", "ts")
            .map(messages.message("d/1", "{\"meta\":{\"device\":7},\"ts\":1700000000123,\"v\":1.5}"));
        assertEquals("7", r.key());
        assertEquals(1_700_000_000_123L, r.timestamp());
        assertEquals(1.5, ((Struct) r.value()).getFloat64("v"));
    }

    @Test
    void isoTimestampAndArrivalFallback() {
        RecordMapper mapper = mapper("value.format", "json_map", "timestamp.mode", "field", "timestamp.field", "t");
        assertEquals(1_000L, mapper.map(messages.message("d", "{\"t\":\"1970-01-01T00:00:01Z\"}")).timestamp());
        assertEquals(1_700_000_000_000L, mapper.map(messages.message("d", "{\"x\":1}")).timestamp());
    }

    @Test
    void keyTemplateAndNoKey() {
        assertEquals("dev-2", mapper("key.mode", "template", "key.template", "dev-${2}")
            .map(messages.message("devices/2/t", "x")).key());
        MqttSourceRecord none = mapper("key.mode", "none").map(messages.message("a", "x"));
        assertNull(none.key());
        assertNull(none.keySchema());
    }

    @Test
    void unparseableJsonFailsByDefaultOrIsKeptRaw() {
        assertThrows(UnmappableMessageException.class,
            () -> mapper("value.format", "json").map(messages.message("d/1", "not json")));
        MqttSourceRecord raw = mapper("value.format", "json", "value.parse.error.mode", "raw")
            .map(messages.message("d/1", "not json"));
        assertArrayEquals("not json".getBytes(StandardCharsets.UTF_8), (byte[]) raw.value());
        assertEquals(1, countHeaders(raw, "mqtt.parse.error"));
    }

    @Test
    void emptyPayloadIsANullValue() {
        assertNull(mapper("value.format", "json").map(messages.message("d", "")).value());
        assertNull(mapper("value.format", "json_map").map(messages.message("d", "")).value());
    }

    @Test
    void stringValueAndNoHeaders() {
        MqttSourceRecord r = mapper("value.format", "string", "headers.enabled", "false")
            .map(messages.message("d", "héllo"));
        assertEquals("héllo", r.value());
        assertEquals(0, r.headers().size());
    }

    private static int countHeaders(MqttSourceRecord r, String key) {
        int n = 0;
        for (Header h : r.headers()) {
            n += h.key().equals(key) ? 1 : 0;
        }
        return n;
    }
}
