package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

import io.tsconnect.github.config.GithubEventsSourceConfig;
import io.tsconnect.github.config.GithubEventsTaskConfig;

class GithubEventsSourceConnectorTest {
    private static Map<String, String> config(String streams) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "gh");
        config.put(GithubEventsSourceConfig.STREAMS_CONFIG, streams);
        return config;
    }

    private static List<List<String>> assignments(String streams, int maxTasks) {
        GithubEventsSourceConnector connector = new GithubEventsSourceConnector();
        connector.start(config(streams));
        return connector.taskConfigs(maxTasks).stream()
            .map(t -> new GithubEventsTaskConfig(t).taskStreams().stream().map(EventStream::name).toList())
            .toList();
    }

    @Test
    void streamsAreSplitOverAtMostAsManyTasksAsStreams() {
        String five = "events,repos/a/b,orgs/c,users/d,users/d/received";
        List<List<String>> two = assignments(five, 2);
        assertEquals(2, two.size());
        assertEquals(5, two.stream().mapToInt(List::size).sum());
        assertEquals(List.of(List.of("events"), List.of("networks/a/b")), assignments("events,networks/a/b", 8));
        assertEquals(1, assignments(five, 1).size());
    }

    @Test
    void taskConfigsNameTheConnectorAndNumberTheTasks() {
        GithubEventsSourceConnector connector = new GithubEventsSourceConnector();
        connector.start(config("events,orgs/x,users/y"));
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertEquals(List.of(0, 1, 2), tasks.stream().map(t -> new GithubEventsTaskConfig(t).taskId()).toList());
        assertEquals("gh", new GithubEventsTaskConfig(tasks.get(2)).connectorName());
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        return new GithubEventsSourceConnector().validate(config).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void validationAttachesEachProblemToItsKey() {
        Map<String, String> config = config("events,repos/only-owner");
        config.put(GithubEventsSourceConfig.TOPIC_CONFIG, "gh.${repo}");
        config.put(GithubEventsSourceConfig.PROXY_URL_CONFIG, "http://proxy.local");
        config.put(GithubEventsSourceConfig.API_URL_CONFIG, "ftp://example.com");
        config.put(GithubEventsSourceConfig.RATE_BACKOFF_INITIAL_CONFIG, "60000");
        config.put(GithubEventsSourceConfig.RATE_BACKOFF_MAX_CONFIG, "1000");
        config.put(GithubEventsSourceConfig.TLS_PREFIX + "hostname.verification", "false");
        config.put(GithubEventsSourceConfig.VALUE_FORMAT_CONFIG, "avro");
        Map<String, List<String>> errors = errors(config);
        assertTrue(errors.get(GithubEventsSourceConfig.STREAMS_CONFIG).toString().contains("repos/only-owner"));
        assertTrue(errors.get(GithubEventsSourceConfig.TOPIC_CONFIG).toString().contains("${repo}"));
        assertTrue(errors.get(GithubEventsSourceConfig.PROXY_URL_CONFIG).toString().contains("port"));
        assertTrue(errors.containsKey(GithubEventsSourceConfig.API_URL_CONFIG));
        assertTrue(errors.containsKey(GithubEventsSourceConfig.RATE_BACKOFF_MAX_CONFIG));
        assertTrue(errors.containsKey(GithubEventsSourceConfig.TLS_PREFIX + "hostname.verification"));
        assertTrue(errors.containsKey(GithubEventsSourceConfig.VALUE_FORMAT_CONFIG));
        assertEquals(7, errors.size(), errors.toString());
    }

    @Test
    void aMinimalConfigIsValidAndStreamsAreRequired() {
        assertTrue(errors(config("events")).isEmpty());
        assertTrue(errors(new HashMap<>(Map.of("name", "gh"))).containsKey(GithubEventsSourceConfig.STREAMS_CONFIG));
        assertTrue(errors(config("events, events")).containsKey(GithubEventsSourceConfig.STREAMS_CONFIG));
        assertTrue(errors(config("")).containsKey(GithubEventsSourceConfig.STREAMS_CONFIG));
    }

    @Test
    void topicMustBeALegalKafkaTopicNameOutsideItsPlaceholders() {
        for (String topic : List.of("github-events", "gh.${stream}.${type}", "${type}")) {
            Map<String, String> config = config("events");
            config.put(GithubEventsSourceConfig.TOPIC_CONFIG, topic);
            assertEquals(Map.of(), errors(config), topic);
        }
        String legal = "letters, digits, '.', '_' and '-'";
        Map<String, String> expected = Map.of("", legal, "bad topic name", legal, "gh/${stream}", "'/'",
            "gh.${type} x", "outside ${...} placeholders", "x".repeat(250), "249");
        expected.forEach((topic, says) -> {
            Map<String, String> config = config("events");
            config.put(GithubEventsSourceConfig.TOPIC_CONFIG, topic);
            String message = errors(config).get(GithubEventsSourceConfig.TOPIC_CONFIG).toString();
            assertTrue(message.contains("configuration topic") && message.contains(says), message);
        });
    }

    @Test
    void declaresExactlyOnceSupport() {
        assertEquals(ExactlyOnceSupport.SUPPORTED,
            new GithubEventsSourceConnector().exactlyOnceSupport(config("events")));
    }

    @Test
    void alterOffsetsAcceptsStoredOffsetsAndResetsAndRejectsTheRest() {
        GithubEventsSourceConnector connector = new GithubEventsSourceConnector();
        Map<String, Object> good = StreamOffset.EMPTY.plus("123", Instant.parse("2026-01-01T00:00:00Z")).toMap();
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(Map.of("stream", "repos/a/b"), good);
        offsets.put(Map.of("stream", "events"), null);
        assertTrue(connector.alterOffsets(config("events"), offsets));

        ConnectException badStream = assertThrows(ConnectException.class, () -> connector.alterOffsets(
            config("events"), Map.of(Map.of("stream", "gists"), good)));
        assertTrue(badStream.getMessage().contains("gists"), badStream.getMessage());
        ConnectException badKey = assertThrows(ConnectException.class, () -> connector.alterOffsets(
            config("events"), Map.of(Map.of("repo", "a/b"), good)));
        assertTrue(badKey.getMessage().contains("\"stream\""), badKey.getMessage());
        Map<String, Object> noTime = new HashMap<>(good);
        noTime.remove(StreamOffset.NEWEST_CREATED_AT);
        ConnectException badOffset = assertThrows(ConnectException.class, () -> connector.alterOffsets(
            config("events"), Map.of(Map.of("stream", "events"), noTime)));
        assertTrue(badOffset.getMessage().contains(StreamOffset.NEWEST_CREATED_AT), badOffset.getMessage());
        assertFalse(badOffset.getMessage().isEmpty());
    }
}
