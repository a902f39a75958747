package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.tsconnect.mqtt.config.MqttSourceTaskConfig;

class MqttSourceConnectorTest {

    private static Map<String, String> config(String... kv) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "mqtt-in");
        props.put("mqtt.server.uris", "tcp://127.0.0.1:1");
        props.put("mqtt.topic.filters", "devices/+/temp,alerts/#;qos=2,status/#");
        props.put("kafka.topic", "readings");
        props.put("mqtt.validate.connection", "false");
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        return new MqttSourceConnector().validate(props).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void validConfigHasNoErrors() {
        assertEquals(Map.of(), errors(config()));
    }

    @Test
    void badValuesAreReportedOnTheirOwnKeys() {
        Map<String, List<String>> errors = errors(config("mqtt.server.uris", "http://x", "mqtt.topic.filters",
            "a/#/b", "mqtt.qos", "3", "mqtt.version", "4", "kafka.topic.routes", "nofilter", "value.format", "xml"));
        assertEquals(List.of("mqtt.qos", "mqtt.server.uris", "mqtt.topic.filters", "mqtt.version",
            "kafka.topic.routes", "value.format").stream().sorted().toList(),
            errors.keySet().stream().sorted().toList(), errors.toString());
    }

    @Test
    void crossFieldErrorsLandOnTheKeyToFix() {
        Map<String, List<String>> errors = errors(config("kafka.topic", "", "key.mode", "field",
            "timestamp.mode", "field", "timestamp.field", "ts", "retry.backoff.initial.ms", "5000",
            "retry.backoff.max.ms", "10", "value.parse.errors.topic", "bad topic",
            "mqtt.tls.keystore.path", "/nonexistent/client.p12", "mqtt.tls.keystore.password", "x"));
        assertTrue(errors.get("kafka.topic").get(0).contains("kafka.topic.routes"), errors.toString());
        assertTrue(errors.get("key.field").get(0).contains("required"), errors.toString());
        assertTrue(errors.get("timestamp.field").get(0).contains("value.format"), errors.toString());
        assertTrue(errors.containsKey("retry.backoff.max.ms"), errors.toString());
        assertTrue(errors.containsKey("value.parse.errors.topic"), errors.toString());
        assertTrue(errors.get("mqtt.tls.keystore.path").size() == 2, errors.toString());
    }

    @Test
    void unreachableBrokerIsReportedAtValidation() {
        Map<String, List<String>> errors = errors(config("mqtt.validate.connection", "true",
            "mqtt.connect.timeout.ms", "2000"));
        assertTrue(errors.get("mqtt.server.uris").get(0).startsWith("Cannot connect to tcp://127.0.0.1:1"),
            errors.toString());
    }

    @Test
    void filtersAreSplitRoundRobinWithStableClientIds() {
        MqttSourceConnector connector = new MqttSourceConnector();
        connector.start(config());
        List<Map<String, String>> tasks = connector.taskConfigs(2);
        assertEquals(2, tasks.size());
        assertEquals("devices/+/temp;qos=1,status/#;qos=1",
            tasks.get(0).get(MqttSourceTaskConfig.TASK_SUBSCRIPTIONS_CONFIG));
        assertEquals("alerts/#;qos=2", tasks.get(1).get(MqttSourceTaskConfig.TASK_SUBSCRIPTIONS_CONFIG));
        assertEquals("mqtt-in-0", tasks.get(0).get(MqttSourceTaskConfig.TASK_CLIENT_ID_CONFIG));
        assertEquals("mqtt-in-1", tasks.get(1).get(MqttSourceTaskConfig.TASK_CLIENT_ID_CONFIG));
        assertEquals(3, connector.taskConfigs(10).size(), "never more tasks than filters");
    }

    @Test
    void sharedGroupGivesEveryTaskEveryFilter() {
        MqttSourceConnector connector = new MqttSourceConnector();
        connector.start(config("mqtt.shared.subscription.group", "ingest", "mqtt.client.id.prefix", "plant7",
            "mqtt.topic.filters", "devices/#"));
        List<Map<String, String>> tasks = connector.taskConfigs(4);
        assertEquals(4, tasks.size());
        for (int i = 0; i < 4; i++) {
            MqttSourceTaskConfig task = new MqttSourceTaskConfig(tasks.get(i));
            assertEquals(List.of(new Subscription("$share/ingest/devices/#", 1)), task.taskSubscriptions());
            assertEquals("plant7-" + i, task.clientId());
        }
    }
}
