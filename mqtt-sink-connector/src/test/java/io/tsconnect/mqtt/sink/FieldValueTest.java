package io.tsconnect.mqtt.sink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.tsconnect.mqtt.sink.predicates.FieldValue;

class FieldValueTest {

    private static FieldValue<SinkRecord> predicate(Map<String, String> config) {
        FieldValue<SinkRecord> p = new FieldValue<>();
        p.configure(config);
        return p;
    }

    private static SinkRecord reading(Object metric, Object value) {
        java.util.Map<String, Object> v = new java.util.HashMap<>();
        v.put("metric", metric);
        v.put("value", value);
        return new SinkRecord("readings", 0, null, null, null, v, 0);
    }

    @Test
    void matchesNumbersAboveOrBelowAThreshold() {
        FieldValue<SinkRecord> hot = predicate(Map.of("field", "value", "above", "40"));
        assertTrue(hot.test(reading("temp", 40.5)));
        assertFalse(hot.test(reading("temp", 40.0)));
        assertTrue(hot.test(reading("temp", "41")), "numbers as text count");
        assertFalse(hot.test(reading("temp", "n/a")));
        assertFalse(hot.test(reading("temp", null)));
        assertFalse(hot.test(new SinkRecord("readings", 0, null, null, null, null, 0)), "a tombstone has no field");
        FieldValue<SinkRecord> band = predicate(Map.of("field", "value", "above", "10", "below", "20"));
        assertTrue(band.test(reading("temp", 15)));
        assertFalse(band.test(reading("temp", 25)));
    }

    @Test
    void matchesText() {
        FieldValue<SinkRecord> temp = predicate(Map.of("field", "metric", "equals", "temp"));
        assertTrue(temp.test(reading("temp", 1)));
        assertFalse(temp.test(reading("pressure", 1)));
    }

    @Test
    void aConditionIsRequired() {
        assertThrows(ConfigException.class, () -> predicate(Map.of("field", "value")));
        assertThrows(ConfigException.class, () -> predicate(Map.of("field", "value", "equals", "x", "above", "1")));
        assertThrows(ConfigException.class, () -> predicate(Map.of("field", "a..b", "above", "1")));
    }
}
