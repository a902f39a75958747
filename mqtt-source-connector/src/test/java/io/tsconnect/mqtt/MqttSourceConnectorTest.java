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
    void kafkaTopicTemplatesMustBeLegalTopicNamesOutsideThePlaceholders() {
        for (String topic : List.of("readings", "iot.${2}", "${topic}", "mqtt.${1}-${topic}")) {
            assertEquals(Map.of(), errors(config("kafka.topic", topic)), topic);
            assertEquals(Map.of(), errors(config("kafka.topic.routes", "devices/#=" + topic)), topic);
        }
        String legal = "letters, digits, '.', '_' and '-'";
        Map<String, String> expected = Map.of("bad topic name", legal, "iot/${2}", "'/'", "iot ${2}",
            "outside ${...} placeholders", "$$x", "'$'", "x".repeat(250), "249", "", "must not be empty");
        expected.forEach((topic, says) -> {
            String fallback = errors(config("kafka.topic", topic)).get("kafka.topic").toString();
            assertTrue(fallback.contains("configuration kafka.topic") && fallback.contains(says), fallback);
            if (!topic.isEmpty()) {
                String route = errors(config("kafka.topic.routes", "a/#=ok,devices/#=" + topic))
                    .get("kafka.topic.routes").toString();
                assertTrue(route.contains("configuration kafka.topic.routes") && route.contains(says), route);
            }
        });
    }

    @Test
    void sharedSubscriptionGroupIsAPlainNonEmptyShareName() {
        assertEquals(Map.of(), errors(config("mqtt.shared.subscription.group", "ingest-1.eu_west")));
        Map<String, String> expected = Map.of("a/b", "'/'", "a+", "'+'", "#", "'#'", " ", "must not be empty");
        expected.forEach((group, says) -> {
            String message = errors(config("mqtt.shared.subscription.group", group))
                .get("mqtt.shared.subscription.group").toString();
            assertTrue(message.contains("configuration mqtt.shared.subscription.group") && message.contains(says),
                message);
        });
    }

    @Test
    void crossFieldErrorsLandOnTheKeyToFix() {
        Map<String, List<String>> errors = errors(config("kafka.topic", "", "key.mode", "field",
            "timestamp.mode", "field", "timestamp.field", "ts", "retry.backoff.initial.ms", "5000",
            "retry.backoff.max.ms", "10", "value.parse.errors.topic", "bad topic",
            "mqtt.tls.keystore.path", "/nonexistent/client.p12", "mqtt.tls.keystore.password", "x"));
        assertTrue(errors.get("kafka.topic").toString().contains("kafka.topic.routes"), errors.toString());
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

    @Test
    void sparkplugRefusesSharedSubscriptionsAndRawParseErrorsAndChecksTheStateTopic() {
        assertEquals(Map.of(), errors(config("value.format", "sparkplug_b", "sparkplug.state.topic", "sp-state")));
        Map<String, List<String>> errors = errors(config("value.format", "sparkplug_b",
            "mqtt.shared.subscription.group", "g", "value.parse.error.mode", "raw", "sparkplug.state.topic", "a b",
            "sparkplug.output", "rows"));
        assertTrue(errors.get("mqtt.shared.subscription.group").toString().contains("one task"), errors.toString());
        assertTrue(errors.get("value.parse.error.mode").toString().contains("sparkplug_b"), errors.toString());
        assertTrue(errors.get("sparkplug.state.topic").toString().contains("not a legal"), errors.toString());
        assertTrue(errors.get("sparkplug.output").toString().contains("metric, message"), errors.toString());
        assertEquals(Map.of(), errors(config("mqtt.shared.subscription.group", "g")), "json formats may share");
    }
}
