package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.github.Fault;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.github.RecordedRequest;

/**
 * The packaged connector on a 3-worker Connect cluster against the GitHub replay server: every event is delivered
 * exactly once across a task restart, a rate-limit storm and the removal of a worker; the sample config validates
 * and runs; requests carry the headers GitHub asks for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GithubEventsSourceIT {
    private static final String CONNECTOR_CLASS = GithubEventsSourceConnector.class.getName();
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private GithubReplayServer github;
    private ConnectHarness harness;
    private final List<String> connectors = new ArrayList<>();

    @BeforeAll
    void start() {
        github = GithubReplayServer.start().pollInterval(1);
        harness = ConnectHarness.builder().plugins("github-events-source-connector").workers(3).start();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @AfterEach
    void deleteConnectors() {
        connectors.forEach(harness.connect()::deleteConnector);
        connectors.clear();
    }

    private Map<String, String> config(String streams, String topic, int tasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("github.api.url", github.baseUrl());
        config.put("github.streams", streams);
        config.put("github.poll.interval.min.ms", "200");
        config.put("github.rate.limit.backoff.initial.ms", "500");
        config.put("github.rate.limit.backoff.max.ms", "2000");
        config.put("retry.backoff.initial.ms", "100");
        config.put("topic", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private void run(String name, Map<String, String> config, int tasks) {
        connectors.add(name);
        harness.startConnector(name, config, tasks);
    }

    /** How often each event id (record key) is in {@code topic}, read to its end. */
    private Map<String, Integer> idCounts(String topic) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : harness.kafka().consumeAll(30_000, topic)) {
            counts.merge(ConnectHarness.text(r.key()), 1, Integer::sum);
        }
        return counts;
    }

    /** Waits until every id of {@code expected} is in {@code topic}, then asserts each is there exactly once. */
    private void assertExactlyOnce(String topic, List<String> expected) {
        Await.until(expected.size() + " events in " + topic, DELIVERY,
            () -> idCounts(topic).keySet().containsAll(expected), () -> {
                try {
                    return idCounts(topic).size() + " distinct ids";
                } catch (Exception e) {
                    return e.toString();
                }
            });
        try {
            Map<String, Integer> counts = idCounts(topic);
            Map<String, Integer> repeated = new TreeMap<>(counts);
            repeated.values().removeIf(c -> c == 1);
            assertTrue(repeated.isEmpty(), "delivered more than once: " + repeated);
            assertEquals(Set.copyOf(expected), counts.keySet());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(1)
    void sampleConfigValidatesOnAWorkerAndRunsWithTheTokenFromItsProvider() throws Exception {
        ConnectorConfigs sample = ConnectorConfigs.load("github-events-source.json");
        Map<String, String> posted = new HashMap<>(sample.config());
        posted.put("name", sample.name());
        assertEquals(Map.of(), harness.validationErrors(CONNECTOR_CLASS, posted));

        List<String> ids = github.stream("repos/sample/app").addFixture("events-page-2013-01-10.json");
        connectors.add(sample.name());
        harness.startConnectorFile("github-events-source.json", Map.of("github.api.url", github.baseUrl(),
            "github.streams", "repos/sample/app", "github.poll.interval.min.ms", "500",
            "github.token", "${file:" + tokenFile() + ":token}"), 1);
        assertExactlyOnce("github-events", ids);

        JsonNode value = null;
        for (ConsumerRecord<byte[], byte[]> r : harness.kafka().consumeAll(30_000, "github-events")) {
            if ("1652857702".equals(ConnectHarness.text(r.key()))) {
                value = JSON.readTree(r.value());
                assertEquals(1357804706000L, r.timestamp());
            }
        }
        assertNotNull(value);
        // What the QuestDB sink receives with schemas off: created_at in epoch milliseconds.
        assertEquals(1357804706000L, value.get("created_at").asLong());
        assertEquals("WatchEvent", value.get("type").asText());
        assertEquals("pmsipilot/jquery-highchartTable-plugin", value.get("repo").asText());
        assertEquals("neeckeloo", value.get("actor").asText());
        assertEquals("pmsipilot", value.get("org").asText());
        assertTrue(value.get("payload").isTextual());

        RecordedRequest first = github.requests("repos/sample/app").get(0);
        assertEquals("Bearer it-secret-token", first.header("authorization"));
        assertEquals("tsconnect-github-events-source", first.header("user-agent"));
        assertEquals("2022-11-28", first.header("x-github-api-version"));
        assertEquals("application/vnd.github+json", first.header("accept"));
    }

    private static String tokenFile() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("github-token", ".properties");
        file.toFile().deleteOnExit();
        java.nio.file.Files.writeString(file, "token=it-secret-token\n");
        return file.toString();
    }

    @Test
    @Order(2)
    void everyEventExactlyOnceAcrossATaskRestart() {
        String stream = "repos/restart/app";
        List<String> ids = new ArrayList<>(github.stream(stream).generate(150));
        run("gh-restart", config(stream, "gh-restart", 1), 1);
        assertExactlyOnce("gh-restart", ids);

        ids.addAll(github.stream(stream).generate(40));
        harness.connect().restartTask("gh-restart", 0);
        ids.addAll(github.stream(stream).generate(40));
        harness.awaitRunning("gh-restart", 1);
        ids.addAll(github.stream(stream).generate(20));
        assertExactlyOnce("gh-restart", ids);

        List<RecordedRequest> requests = github.requests(stream);
        assertTrue(requests.stream().anyMatch(r -> r.header("if-none-match") != null && r.status() == 304),
            "conditional requests answered 304");
        assertTrue(requests.stream().allMatch(r -> r.header("user-agent") != null
            && "2022-11-28".equals(r.header("x-github-api-version"))));
        assertTrue(requests.stream().allMatch(r -> r.header("authorization") == null), "no token configured");
    }

    @Test
    @Order(3)
    void everyEventExactlyOnceThroughARateLimitStorm() throws Exception {
        List<String> ids = new ArrayList<>(github.stream("orgs/storm").generate(120));
        ids.addAll(github.stream("users/storm").generate(80));
        github.script(Fault.retryAfter(403, 1), Fault.status(429), Fault.primaryLimit(Duration.ofSeconds(2)),
            Fault.status(502), Fault.retryAfter(429, 1), Fault.disconnect(), Fault.status(503),
            Fault.retryAfter(403, 1), Fault.primaryLimit(Duration.ofSeconds(1)), Fault.status(500));
        run("gh-storm", config("orgs/storm,users/storm", "gh-storm", 2), 2);
        for (int i = 0; i < 5; i++) {
            ids.addAll(github.stream(i % 2 == 0 ? "orgs/storm" : "users/storm").generate(30));
            github.script(i % 2 == 0 ? "orgs/storm" : "users/storm", Fault.retryAfter(429, 1), Fault.status(502));
            Thread.sleep(700);
        }
        assertExactlyOnce("gh-storm", ids);
        assertEquals(0, github.pendingFaults());
        assertTrue(rateLimitWaits("gh-storm") > 0, "rate-limit waits counted in JMX");
        assertTrue(harness.runningTasks("gh-storm") == 2, harness.describe("gh-storm"));
    }

    private static long rateLimitWaits(String connector) throws Exception {
        long total = 0;
        for (ObjectName name : ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(
            "kafka.connect.tsconnect:type=github-events-task,connector=" + ObjectName.quote(connector) + ",*"), null)) {
            total += (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "RateLimitWaits");
        }
        return total;
    }

    @Test
    @Order(4)
    void offsetsCanBeReadValidatedOnAlterAndReset() throws Exception {
        String stream = "repos/offsets/app";
        List<String> ids = github.stream(stream).generate(20);
        run("gh-offsets", config(stream, "gh-offsets", 1), 1);
        assertExactlyOnce("gh-offsets", ids);
        Await.until("offsets of gh-offsets committed", Duration.ofSeconds(30), () -> harness.restGet(
            "connectors/gh-offsets/offsets").contains(ids.stream().max(String::compareTo).orElseThrow()));

        harness.connect().stopConnector("gh-offsets");
        Await.until("gh-offsets STOPPED", Duration.ofSeconds(30),
            () -> "STOPPED".equals(harness.connect().connectorStatus("gh-offsets").connector().state()));
        String bad = "{\"offsets\":[{\"partition\":{\"stream\":\"" + stream + "\"},"
            + "\"offset\":{\"newest_id\":\"1\"}}]}";
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(URI.create(harness.connect().endpointForResource(
                "connectors/gh-offsets/offsets"))).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(bad)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        // Connect answers 500 for any exception a connector's alterOffsets throws; the message names the field.
        assertTrue(refused.statusCode() >= 400, "status " + refused.statusCode());
        assertTrue(refused.body().contains("newest_created_at"), refused.body());

        harness.connect().resetConnectorOffsets("gh-offsets");
        harness.connect().resumeConnector("gh-offsets");
        // Reset: the whole window is emitted again, once more.
        Await.until("every event twice after the reset", DELIVERY,
            () -> idCounts("gh-offsets").values().stream().allMatch(c -> c == 2)
                && idCounts("gh-offsets").keySet().equals(Set.copyOf(ids)), () -> {
                    try {
                        return idCounts("gh-offsets");
                    } catch (Exception e) {
                        return e.toString();
                    }
                });
    }

    @Test
    @Order(5)
    void aMissingTokenFailsTheTaskWithAClearMessage() {
        github.stream("orgs/private").generate(1);
        github.script("orgs/private", Fault.status(401));
        Map<String, String> config = config("orgs/private", "gh-private", 1);
        config.put("github.token", "revoked-token-value");
        connectors.add("gh-private");
        harness.connect().configureConnector("gh-private", config);
        String trace = harness.awaitTaskFailure("gh-private");
        assertTrue(trace.contains("401") && trace.contains("github.token"), trace);
        assertTrue(!trace.contains("revoked-token-value"), trace);
    }

    @Test
    @Order(6)
    void everyEventExactlyOnceWhenAWorkerLeavesTheCluster() {
        List<String> streams = List.of("repos/w/a", "repos/w/b", "repos/w/c");
        List<String> ids = new ArrayList<>();
        streams.forEach(s -> ids.addAll(github.stream(s).generate(60)));
        run("gh-workers", config(String.join(",", streams), "gh-workers", 3), 3);
        assertExactlyOnce("gh-workers", ids);

        WorkerHandle hosting = workerRunningTask("gh-workers", 0);
        String removedPort = ":" + hosting.url().getPort();
        streams.forEach(s -> ids.addAll(github.stream(s).generate(25)));
        harness.connect().removeWorker(hosting);
        streams.forEach(s -> ids.addAll(github.stream(s).generate(25)));
        // Right after the removal the status topic may still list the gone worker's tasks as RUNNING: wait for the
        // rebalance to have moved them.
        Await.until("3 tasks of gh-workers RUNNING, none on the removed worker", DELIVERY, () -> {
            ConnectorStateInfo status = harness.connect().connectorStatus("gh-workers");
            return status.tasks().size() == 3 && status.tasks().stream()
                .allMatch(t -> "RUNNING".equals(t.state()) && !t.workerId().endsWith(removedPort));
        }, () -> harness.describe("gh-workers"));
        streams.forEach(s -> ids.addAll(github.stream(s).generate(10)));
        assertExactlyOnce("gh-workers", ids);
    }

    private WorkerHandle workerRunningTask(String connector, int task) {
        ConnectorStateInfo status = harness.connect().connectorStatus(connector);
        String workerId = status.tasks().stream().filter(t -> t.id() == task).findFirst().orElseThrow().workerId();
        return harness.connect().workers().stream()
            .filter(w -> workerId.endsWith(":" + w.url().getPort())).findFirst()
            .orElseThrow(() -> new AssertionError("No worker " + workerId + " among " + harness.connect().workers()));
    }
}
