package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class RedisTimeSeriesSinkConnectorTest {
    @Test
    void validateAttachesCrossFieldErrorsToTheirKeys() {
        Map<String, String> props = new HashMap<>(Map.of("redis.hosts", "h:6379", "redis.mode", "cluster",
            "redis.database", "3", "redis.user", "alice", "ts.chunk.size.bytes", "100",
            "ts.timestamp.source", "field", "ts.timestamp.field", "",
            "retry.backoff.initial.ms", "5000", "retry.backoff.max.ms", "100"));
        Map<String, List<String>> errors = new RedisTimeSeriesSinkConnector().validate(props).configValues()
            .stream().filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
        assertEquals(List.of("redis.database", "redis.password", "retry.backoff.max.ms", "ts.chunk.size.bytes",
            "ts.timestamp.field"), errors.keySet().stream().sorted().toList(), errors.toString());
    }

    @Test
    void invalidSingleValuesAreRejected() {
        RedisTimeSeriesSinkConnector connector = new RedisTimeSeriesSinkConnector();
        for (Map.Entry<String, String> bad : Map.of("redis.hosts", "nohost", "ts.key.template", "${unclosed",
            "ts.labels.static", "a=", "ts.record.format", "csv").entrySet()) {
            Map<String, String> props = new HashMap<>(Map.of("redis.hosts", "h:1"));
            props.put(bad.getKey(), bad.getValue());
            assertThrows(ConfigException.class, () -> connector.start(props), bad.toString());
            boolean flagged = connector.validate(props).configValues().stream()
                .anyMatch(v -> v.name().equals(bad.getKey()) && !v.errorMessages().isEmpty());
            assertTrue(flagged, bad.toString());
        }
    }

    @Test
    void everyTaskGetsTheConfigAndItsOwnId() {
        RedisTimeSeriesSinkConnector connector = new RedisTimeSeriesSinkConnector();
        connector.start(Map.of("redis.hosts", "h:6379", "name", "c"));
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertEquals(3, tasks.size());
        assertEquals("h:6379", tasks.get(2).get("redis.hosts"));
        assertNotEquals(tasks.get(0).get("task.id"), tasks.get(1).get("task.id"));
        assertNotEquals("unknown", connector.version());
    }
}
