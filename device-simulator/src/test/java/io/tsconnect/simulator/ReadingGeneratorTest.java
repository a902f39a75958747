package io.tsconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReadingGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readingsCoverEverySeriesWithTopicMatchingPayload() throws Exception {
        ReadingGenerator g = new ReadingGenerator(3, 4, Shape.READINGS, 0, 1);
        assertEquals(24, g.seriesCount());
        Set<String> topics = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < g.seriesCount(); i++) {
            Reading r = g.next(1_700_000_000_000L);
            JsonNode p = JSON.readTree(r.payload());
            assertEquals("devices/" + p.get("location").asText() + "/" + p.get("device").asText() + "/"
                + p.get("metric").asText(), r.topic());
            long ts = p.get("timestamp").asLong();
            assertTrue(i == 0 ? ts == 1_700_000_000_000L : ts == previous + 1,
                "a burst within one clock millisecond is spread over the next ones: " + ts);
            previous = ts;
            assertTrue(p.get("value").isNumber());
            topics.add(r.topic());
        }
        assertEquals(24, topics.size(), "one full round publishes every series once");
        assertTrue(topics.contains("devices/3/2/temp") && topics.contains("devices/1/4/pressure"), topics.toString());
    }

    @Test
    void sensorShapeUsesSensorIdAndEpochSeconds() throws Exception {
        Reading r = new ReadingGenerator(1, 1, Shape.SENSOR, 0, 1).next(1_673_018_400_123L);
        JsonNode p = JSON.readTree(r.payload());
        assertEquals("sensors/room_101", r.topic());
        assertEquals("room_101", p.get("sensor_id").asText());
        assertEquals(1_673_018_400L, p.get("timestamp").asLong());
        assertTrue(p.get("temperature").asDouble() > 10 && p.get("temperature").asDouble() < 40);
    }

    @Test
    void anomaliesAppearAtRoughlyTheConfiguredRate() throws Exception {
        ReadingGenerator calm = new ReadingGenerator(1, 1, Shape.READINGS, 0, 7);
        ReadingGenerator spiky = new ReadingGenerator(1, 1, Shape.READINGS, 0.1, 7);
        int spikes = 0;
        for (int i = 0; i < 4000; i++) {
            double a = JSON.readTree(calm.next(0).payload()).get("value").asDouble();
            double b = JSON.readTree(spiky.next(0).payload()).get("value").asDouble();
            if (Math.abs(a - b) > 10) {
                spikes++;
            }
        }
        assertTrue(spikes > 200 && spikes < 700, "expected about 400 spikes in 4000, got " + spikes);
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new ReadingGenerator(0, 1, Shape.READINGS, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReadingGenerator(1, 1, Shape.READINGS, 1.5, 1));
    }
}
