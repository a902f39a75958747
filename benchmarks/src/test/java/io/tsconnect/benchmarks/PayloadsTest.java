package io.tsconnect.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mqttPayloadIsTwoHundredBytesOfJsonWithSequenceAndSendTime() throws Exception {
        for (long seq : new long[] {0, 7, 123_456_789}) {
            byte[] payload = Payloads.mqttJson(seq, 1_700_000_000_123_456L);
            assertEquals(Payloads.MQTT_PAYLOAD_BYTES, payload.length);
            Map<?, ?> map = JSON.readValue(payload, Map.class);
            assertEquals(seq, ((Number) map.get("seq")).longValue());
            assertEquals(1_700_000_000_123_456L, ((Number) map.get("sent")).longValue());
            assertEquals(1_700_000_000_123L, ((Number) map.get("timestamp")).longValue());
        }
    }

    @Test
    void readingHasThreeSymbolsTwoDoublesAndATimestamp() throws Exception {
        Map<?, ?> map = JSON.readValue(Payloads.readingJson(4, 100, 1_700_000_000_000L), Map.class);
        assertEquals(Map.of("metric", "humidity", "location", "paris", "device", "d4", "value", 21.0,
            "battery", 0.4, "timestamp", 1_700_000_000_000L), map);
    }
}
