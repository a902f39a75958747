package io.tsconnect.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TaskConfigsTest {
    @Test
    void eachTaskGetsTheConnectorConfigAndItsOwnNumber() {
        List<Map<String, String>> tasks = TaskConfigs.numbered(Map.of("topics", "t"), 3, "task.id");
        assertEquals(List.of(Map.of("topics", "t", "task.id", "0"), Map.of("topics", "t", "task.id", "1"),
            Map.of("topics", "t", "task.id", "2")), tasks);
    }
}
