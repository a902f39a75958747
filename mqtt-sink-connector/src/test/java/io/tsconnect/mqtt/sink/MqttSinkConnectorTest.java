package io.tsconnect.mqtt.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.tsconnect.mqtt.MqttSinkConnector;

class MqttSinkConnectorTest {

    private static Map<String, List<String>> errors(String... props) {
        Map<String, String> config = new HashMap<>();
        config.put("mqtt.server.uris", "tcp://localhost:1883");
        for (int i = 0; i < props.length; i += 2) {
            config.put(props[i], props[i + 1]);
        }
        return new MqttSinkConnector().validate(config).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aValidConfigHasNoErrors() {
        assertEquals(Map.of(), errors("mqtt.topic", "devices/${location}/${device}/alerts"));
    }

    @Test
    void problemsAreAttachedToTheKeyTheyConcern() {
        assertTrue(String.valueOf(errors("mqtt.topic", "alerts/+/x").get("mqtt.topic")).contains("wildcard"));
        assertTrue(String.valueOf(errors("mqtt.topic", "$SYS/x").get("mqtt.topic")).contains("$"));
        assertTrue(String.valueOf(errors("mqtt.topic", "a/${x").get("mqtt.topic")).contains("Unclosed"));
        assertTrue(errors("payload.format", "field").containsKey("payload.field"));
        assertTrue(errors("payload.format", "xml").containsKey("payload.format"));
        assertTrue(errors("mqtt.qos", "3").containsKey("mqtt.qos"));
        assertTrue(errors("mqtt.qos.field", "a..b").containsKey("mqtt.qos.field"));
        assertTrue(errors("mqtt.version", "3.1.1", "mqtt.user.properties.headers", "site")
            .containsKey("mqtt.user.properties.headers"));
        assertTrue(errors("mqtt.version", "3.1.1", "mqtt.message.expiry.seconds", "60")
            .containsKey("mqtt.message.expiry.seconds"));
        assertTrue(errors("retry.backoff.initial.ms", "1000", "retry.backoff.max.ms", "10")
            .containsKey("retry.backoff.max.ms"));
        assertTrue(errors("mqtt.tls.keystore.path", "/nonexistent.p12").containsKey("mqtt.tls.keystore.path"));
        assertTrue(errors("mqtt.server.uris", "http://x").containsKey("mqtt.server.uris"));
    }

    @Test
    void everyTaskGetsItsNumberForItsClientId() {
        MqttSinkConnector connector = new MqttSinkConnector();
        connector.start(Map.of("mqtt.server.uris", "tcp://localhost:1883"));
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertEquals(List.of("0", "1", "2"), tasks.stream().map(t -> t.get(MqttSinkTask.TASK_ID_CONFIG)).toList());
    }
}
