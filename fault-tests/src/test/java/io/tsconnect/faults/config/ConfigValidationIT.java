package io.tsconnect.faults.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;

/**
 * Every key of every connector's ConfigDef, as the worker reports it ({@code GET /connector-plugins/<class>/config}),
 * gets an invalid value on top of the connector's valid sample config, and {@code validate()} must attach an error
 * to that key. The invalid value is chosen by type (numbers: "not-a-number" and "-5", below every documented
 * lower bound; booleans: "maybe"), by recommended values ("bogus-value") or per key for strings and lists with a
 * validator. Keys that take any text are listed in {@link #FREE_FORM} with the reason; a key in neither list fails
 * the test, so a new key cannot go unchecked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigValidationIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Connector class to its sample config. */
    private static final Map<String, String> SAMPLES = Map.of(
        "io.tsconnect.github.GithubEventsSourceConnector", "github-events-source.json",
        "io.tsconnect.mqtt.MqttSourceConnector", "mqtt-source.json",
        "io.tsconnect.questdb.QuestDbSinkConnector", "questdb-sink-readings.json",
        "io.tsconnect.redis.RedisTimeSeriesSinkConnector", "redis-timeseries-sink.json",
        "io.tsconnect.mqtt.MqttSinkConnector", "mqtt-sink-alerts.json");

    /** Invalid values of text and list keys whose validator or validate() rejects something. */
    private static final Map<String, List<String>> INVALID_TEXT = Map.ofEntries(
        Map.entry("github.api.url", List.of("", "not a url")),
        Map.entry("github.api.version", List.of("")),
        Map.entry("github.user.agent", List.of("")),
        Map.entry("github.streams", List.of("bogus/a/b/c", "")),
        Map.entry("github.proxy.url", List.of("not a url")),
        Map.entry("topic", List.of("", "bad topic name", "gh/${stream}", "x".repeat(250))),
        Map.entry("mqtt.server.uris", List.of("http://host:1", "")),
        Map.entry("mqtt.topic.filters", List.of("a/#/b", "")),
        Map.entry("mqtt.shared.subscription.group", List.of("a/b", "a+", "#", "")),
        Map.entry("kafka.topic", List.of("", "bad topic name", "iot/${2}")),
        Map.entry("kafka.topic.routes", List.of("no-equals-sign", "devices/#=bad topic")),
        Map.entry("key.template", List.of("${unclosed")),
        Map.entry("value.parse.errors.topic", List.of("bad topic name")),
        Map.entry("sparkplug.state.topic", List.of("bad topic name")),
        Map.entry("table", List.of("")),
        Map.entry("table.timestamp.column", List.of("")),
        Map.entry("table.columns", List.of("no_type_given")),
        Map.entry("table.dedup.keys", List.of("not_a_declared_column")),
        Map.entry("table.ttl", List.of("forever")),
        Map.entry("timestamp.string.format", List.of("yyyy-MM-dd bogus{")),
        Map.entry("redis.hosts", List.of("no-port", "")),
        Map.entry("ts.key.template", List.of("", "${unclosed")),
        Map.entry("ts.labels.static", List.of("no-equals-sign")),
        Map.entry("mqtt.topic", List.of("", "alerts/#/x", "alerts/+", "${unclosed")),
        Map.entry("mqtt.qos.field", List.of("header.")),
        Map.entry("mqtt.retain.field", List.of("header.")),
        Map.entry("payload.field", List.of("header.")),
        Map.entry("mqtt.user.properties.headers", List.of("site")));

    /** Keys for which no value is invalid on its own, with the reason. */
    private static final Map<String, String> FREE_FORM = Map.ofEntries(
        Map.entry("github.token", "password: any text (an unresolved reference polls anonymously)"),
        Map.entry("mqtt.password", "password: any text"),
        Map.entry("redis.password", "password: any text"),
        Map.entry("client.conf.string", "password: parsed when the task connects, never echoed back"),
        Map.entry("mqtt.client.id.prefix", "any text is a valid client id prefix"),
        Map.entry("mqtt.username", "any text is a user name"),
        Map.entry("redis.user", "any text is an ACL user name"),
        Map.entry("key.field", "a field name; any text"),
        Map.entry("headers.prefix", "any text prefixes header names"),
        Map.entry("timestamp.field", "a field name; any text"),
        Map.entry("key.prefix", "any text prefixes column names (cleaned per column)"),
        Map.entry("value.prefix", "any text prefixes column names (cleaned per column)"),
        Map.entry("flatten.separator", "any text joins nested names (cleaned per column)"),
        Map.entry("timestamp.field.name", "a field path; any text"),
        Map.entry("symbols", "column names; any text (cleaned per column)"),
        Map.entry("doubles", "column names; any text (cleaned per column)"),
        Map.entry("uuids", "column names; any text (cleaned per column)"),
        Map.entry("ts.value.field", "a field path; empty means the value itself"),
        Map.entry("ts.value.fields", "field names; any text"),
        Map.entry("ts.labels", "variable names; any text"),
        Map.entry("ts.timestamp.field", "a field path; any text"),
        Map.entry("mqtt.properties.header.prefix", "any text prefixes header names (empty: the names themselves)"));

    /** Keys that only matter together with another setting: the probe sets it too. */
    private static final Map<String, Map<String, String>> CONTEXT = Map.of(
        "mqtt.user.properties.headers", Map.of("mqtt.version", "3.1.1"),
        "table.columns", Map.of("table.create", "true"),
        "table.dedup.keys", Map.of("table.create", "true"),
        "table.ttl", Map.of("table.create", "true"));

    private ConnectHarness harness;

    @BeforeAll
    void start() {
        harness = ConnectHarness.builder().name("config-validation").plugins("github-events-source-connector",
            "mqtt-source-connector", "questdb-sink-connector", "redis-timeseries-sink-connector",
            "mqtt-sink-connector").start();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyInvalidValueOfEveryKeyIsRejectedOnThatKey() throws Exception {
        List<String> failures = new ArrayList<>();
        int probes = 0;
        int naming = 0;
        for (Map.Entry<String, String> plugin : SAMPLES.entrySet()) {
            String connector = plugin.getKey();
            Map<String, String> base = new HashMap<>(ConnectorConfigs.load(plugin.getValue()).config());
            base.put("name", "validation-probe");
            // The sample addresses the compose stack's mosquitto, which this machine cannot resolve.
            base.put("mqtt.validate.connection", "false");
            assertEquals(Map.of(), harness.validationErrors(connector, base), plugin.getValue() + " is valid");
            for (Map.Entry<String, List<String>> probe : invalidValues(connector).entrySet()) {
                String key = probe.getKey();
                for (String value : probe.getValue()) {
                    probes++;
                    Map<String, String> config = new HashMap<>(base);
                    config.putAll(CONTEXT.getOrDefault(key, Map.of()));
                    config.put(key, value);
                    List<String> errors = harness.validationErrors(connector, config).getOrDefault(key, List.of());
                    if (errors.isEmpty()) {
                        failures.add(simple(connector) + " " + key + "='" + value + "'");
                    } else if (errors.stream().anyMatch(e -> e.contains(key))) {
                        naming++;
                    }
                }
            }
        }
        System.out.printf("FAULTS config: %d invalid values probed, %d rejected on their key (%d naming it), "
            + "%d free-form keys listed%n", probes, probes - failures.size(), naming, FREE_FORM.size());
        failures.forEach(f -> System.out.println("FAULTS config: accepted, no error on the key: " + f));
        assertEquals(List.of(), failures, "invalid values not rejected on their key");
    }

    /** The invalid values to try for every key of the plugin's own ConfigDef. */
    private Map<String, List<String>> invalidValues(String connector) throws Exception {
        JsonNode keys = JSON.readTree(harness.restGet("connector-plugins/" + connector + "/config"));
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> unclassified = new ArrayList<>();
        for (JsonNode key : keys) {
            String name = key.path("name").asText();
            if (isFrameworkKey(name)) {
                continue;
            }
            String type = key.path("type").asText().toUpperCase();
            List<String> values = switch (type) {
                case "INT", "LONG", "SHORT", "DOUBLE" -> List.of("not-a-number", "-5");
                case "BOOLEAN" -> List.of("maybe");
                case "CLASS" -> List.of("no.such.Clazz");
                default -> textValues(connector, name);
            };
            if (values == null && freeFormReason(name) == null) {
                unclassified.add(name + " (" + type + ")");
            } else if (values != null) {
                out.put(name, values);
            }
        }
        assertEquals(List.of(), unclassified, simple(connector) + ": keys neither probed nor listed as free-form");
        return out;
    }

    /** For text and list keys: recommended values get "bogus-value", others a value from INVALID_TEXT. */
    private List<String> textValues(String connector, String key) {
        if (INVALID_TEXT.containsKey(key)) {
            return INVALID_TEXT.get(key);
        }
        Map<String, String> base = new HashMap<>(ConnectorConfigs.load(SAMPLES.get(connector)).config());
        base.put("name", "validation-probe");
        base.put("mqtt.validate.connection", "false");
        boolean recommended = harness.connect().validateConnectorConfig(simple(connector), base).configs().stream()
            .anyMatch(c -> c.configValue().name().equals(key) && !c.configValue().recommendedValues().isEmpty());
        return recommended ? List.of("bogus-value") : null;
    }

    /** Why {@code key} takes any value, or null. */
    static String freeFormReason(String key) {
        if (key.endsWith(".truststore.path") || key.endsWith(".keystore.path")) {
            return "a path on the worker that runs the task; validate() may run on another worker";
        }
        if (key.endsWith(".password")) {
            return "password: any text";
        }
        return FREE_FORM.get(key);
    }

    /** Keys Kafka Connect defines for every connector (it validates them itself), not the plugin's. */
    static boolean isFrameworkKey(String name) {
        return List.of("name", "connector.class", "tasks.max", "tasks.max.enforce", "key.converter", "value.converter",
            "header.converter", "config.action.reload", "transforms", "predicates", "topics", "topics.regex",
            "connector.plugin.version", "key.converter.plugin.version", "value.converter.plugin.version",
            "header.converter.plugin.version", "offsets.storage.topic", "exactly.once.support",
            "transaction.boundary", "transaction.boundary.interval.ms").contains(name)
            || name.startsWith("errors.") || name.startsWith("topic.creation.");
    }

    private static String simple(String connector) {
        return connector.substring(connector.lastIndexOf('.') + 1);
    }
}
