package io.tsconnect.faults.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.tsconnect.faults.Teardown;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.ProcessWorker;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;

/**
 * Secrets of all four connectors (MQTT password, GitHub token, Redis password, QuestDB client configuration
 * string) supplied through {@code ${file:…}} on an in-process worker and through {@code ${env:…}} on a worker in its
 * own JVM: each connector starts and moves data with them, {@code GET /connectors/NAME/config} shows only the
 * placeholder, and no log line at any level up to DEBUG (this JVM's, captured programmatically, and the process
 * worker's log file at DEBUG) contains a secret value, not even while a wrong secret fails authentication or the
 * connectors stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String mqttPassword = secret("mqtt");
    private final String githubToken = secret("ghp");
    private final String redisPassword = secret("redis");
    private final String questdbPassword = secret("quest");
    private final List<String> wrong = List.of(secret("wrong-mqtt"), secret("wrong-ghp"), secret("wrong-redis"),
        secret("wrong-quest"));

    private Path dir;
    private MosquittoBroker mosquitto;
    private GithubReplayServer github;
    private RedisTimeSeriesStandIn redis;
    private EmbeddedQuestDb questdb;
    private ConnectHarness harness;

    private static String secret(String kind) {
        return kind + "-S3CRET-" + UUID.randomUUID().toString().replace("-", "");
    }

    private List<String> secrets() {
        return List.of(mqttPassword, githubToken, redisPassword, questdbPassword, wrong.get(0), wrong.get(1),
            wrong.get(2), wrong.get(3));
    }

    private String questdbConf(String password) {
        return questdb.ilpHttpConf() + "username=admin;password=" + password + ";";
    }

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed");
        dir = Files.createTempDirectory("secrets-it");
        mosquitto = MosquittoBroker.builder().user("iot", mqttPassword).start();
        github = GithubReplayServer.start().pollInterval(1).requireToken(githubToken);
        redis = RedisTimeSeriesStandIn.standalone().requirePassword(redisPassword).start();
        questdb = EmbeddedQuestDb.start();
        harness = ConnectHarness.builder().name("secrets").plugins("mqtt-source-connector",
            "github-events-source-connector", "redis-timeseries-sink-connector", "questdb-sink-connector")
            .workers(1).start();
    }

    @AfterAll
    void stop() throws Exception {
        Teardown.closeAll(harness, mosquitto, github, redis, questdb);
    }

    @Test
    @Order(1)
    void fileProviderSecretsWorkStayPlaceholdersAndNeverReachALogLine() throws Exception {
        Path secretsFile = dir.resolve("secrets.properties");
        Files.writeString(secretsFile, String.join("\n", "mqtt.password=" + mqttPassword,
            "github.token=" + githubToken, "redis.password=" + redisPassword,
            "questdb.conf=" + questdbConf(questdbPassword), "mqtt.password.wrong=" + wrong.get(0),
            "github.token.wrong=" + wrong.get(1), "redis.password.wrong=" + wrong.get(2),
            // wrong twice: the secret, and a key the client does not know (its parser reports the string)
            "questdb.conf.wrong=" + questdbConf(wrong.get(3)) + "no_such_key=1;") + "\n");
        String f = "${file:" + secretsFile + ":";
        Path log = dir.resolve("in-process-debug.log");
        Map<String, String> traces = new LinkedHashMap<>();
        try (LogCapture capture = new LogCapture(log)) {
            Map<String, Map<String, String>> good = configs("file", f + "mqtt.password}", f + "github.token}",
                f + "redis.password}", f + "questdb.conf}");
            good.forEach((name, config) -> harness.connect().configureConnector(name, config));
            good.keySet().forEach(name -> harness.awaitRunning(name, 1));
            awaitData("file");
            for (String name : good.keySet()) {
                assertPlaceholdersOnly(harness.restGet("connectors/" + name + "/config"), "${file:");
            }
            Map<String, Map<String, String>> bad = configs("file-wrong", f + "mqtt.password.wrong}",
                f + "github.token.wrong}", f + "redis.password.wrong}", f + "questdb.conf.wrong}");
            bad.get("mqtt-file-wrong").put("mqtt.validate.connection", "false");
            // Validation with the wrong MQTT password reports the rejection; the message must not carry it.
            Map<String, String> probed = new LinkedHashMap<>(bad.get("mqtt-file-wrong"));
            probed.put("mqtt.validate.connection", "true");
            traces.put("validate mqtt", String.valueOf(harness.validationErrors(
                "io.tsconnect.mqtt.MqttSourceConnector", probed)));
            for (Map.Entry<String, Map<String, String>> e : bad.entrySet()) {
                harness.connect().configureConnector(e.getKey(), e.getValue());
                produceReadings(e.getValue().get("topics"));
            }
            for (String name : bad.keySet()) {
                traces.put(name, awaitFailureOrRetrying(name));
            }
            good.keySet().forEach(harness.connect()::deleteConnector);
            bad.keySet().forEach(harness.connect()::deleteConnector);
            Thread.sleep(2000);
            System.out.printf("FAULTS secrets: in-process log at DEBUG: %d bytes, %d DEBUG lines%n", capture.size(),
                capture.debugLines());
            assertTrue(capture.debugLines() > 100, "the capture did not see DEBUG output");
            for (String secret : secrets()) {
                assertEquals(List.of(), capture.linesContaining(secret), "a secret reached a log line");
            }
        }
        traces.forEach((what, trace) -> {
            System.out.printf("FAULTS secrets: wrong secret, %s: %s%n", what, firstLine(trace));
            secrets().forEach(s -> assertFalse(trace.contains(s), what + " trace contains a secret: " + trace));
        });
    }

    @Test
    @Order(2)
    void envProviderSecretsOnAWorkerProcessStayPlaceholdersAndNeverReachItsDebugLog() throws Exception {
        System.setProperty("tsconnect.log.level", "DEBUG");
        ProcessWorker worker;
        try {
            worker = harness.startProcessWorker(Map.of("TS_MQTT_PASSWORD", mqttPassword, "TS_GITHUB_TOKEN",
                githubToken, "TS_REDIS_PASSWORD", redisPassword, "TS_QUESTDB_CONF", questdbConf(questdbPassword)));
        } finally {
            System.clearProperty("tsconnect.log.level");
        }
        // Only a worker with the variables in its environment may run the connectors: the others leave.
        for (WorkerHandle w : List.copyOf(harness.connect().workers())) {
            harness.connect().removeWorker(w);
        }
        URI rest = worker.restUrl();
        Map<String, Map<String, String>> good = configs("env", "${env:TS_MQTT_PASSWORD}", "${env:TS_GITHUB_TOKEN}",
            "${env:TS_REDIS_PASSWORD}", "${env:TS_QUESTDB_CONF}");
        for (Map.Entry<String, Map<String, String>> e : good.entrySet()) {
            put(rest.resolve("connectors/" + e.getKey() + "/config"), JSON.writeValueAsString(e.getValue()));
        }
        for (String name : good.keySet()) {
            Await.until(name + " task RUNNING on the process worker", TIMEOUT, () -> {
                StringBuilder body = new StringBuilder();
                send(HttpRequest.newBuilder(rest.resolve("connectors/" + name + "/status")).GET(), body);
                return body.toString().contains("\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"");
            }, () -> "log " + worker.log());
        }
        awaitData("env");
        for (String name : good.keySet()) {
            StringBuilder body = new StringBuilder();
            send(HttpRequest.newBuilder(rest.resolve("connectors/" + name + "/config")).GET(), body);
            assertPlaceholdersOnly(body.toString(), "${env:");
        }
        for (String name : good.keySet()) {
            send(HttpRequest.newBuilder(rest.resolve("connectors/" + name)).DELETE(), null);
        }
        Thread.sleep(2000);
        long debug = Files.lines(worker.log(), java.nio.charset.StandardCharsets.ISO_8859_1)
            .filter(l -> l.contains(" DEBUG ")).count();
        System.out.printf("FAULTS secrets: process worker log at DEBUG: %d bytes, %d DEBUG lines%n",
            Files.size(worker.log()), debug);
        assertTrue(debug > 100, "the process worker did not log at DEBUG: " + worker.log());
        for (String secret : secrets()) {
            assertEquals(List.of(), LogCapture.linesContaining(worker.log(), secret), "a secret reached a log line");
        }
    }

    /** Configs of the four connectors (names {@code <system>-<suffix>}) with the given secret references. */
    private Map<String, Map<String, String>> configs(String suffix, String mqtt, String token, String redisPw,
                                                     String questConf) {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put("mqtt-" + suffix, new LinkedHashMap<>(ConnectorConfigs.load("mqtt-source.json").with(Map.of(
            "mqtt.server.uris", mosquitto.uri(), "mqtt.username", "iot", "mqtt.password", mqtt,
            "mqtt.client.id.prefix", "secrets-" + suffix, "mqtt.topic.filters", "secrets/" + suffix + "/#",
            "kafka.topic", "secrets-mqtt-" + suffix, "max.retries", "2", "retry.backoff.max.ms", "500")).config()));
        github.stream("repos/secrets/" + suffix).generate(3);
        configs.put("github-" + suffix, new LinkedHashMap<>(ConnectorConfigs.load("github-events-source.json")
            .with(Map.of("github.api.url", github.baseUrl(), "github.token", token, "github.streams",
                "repos/secrets/" + suffix, "github.poll.interval.min.ms", "500", "topic",
                "secrets-github-" + suffix)).config()));
        configs.put("redis-" + suffix, new LinkedHashMap<>(ConnectorConfigs.load("redis-timeseries-sink.json")
            .with(Map.of("redis.hosts", redis.hostPort(), "redis.password", redisPw, "topics",
                "secrets-readings-redis-" + suffix, "errors.deadletterqueue.topic.name", "secrets-dlq-redis-" + suffix,
                "max.retries", "2", "retry.backoff.max.ms", "500")).config()));
        configs.put("questdb-" + suffix, new LinkedHashMap<>(ConnectorConfigs.load("questdb-sink-readings.json")
            .with(Map.of("client.conf.string", questConf, "topics", "secrets-readings-questdb-" + suffix, "table",
                "secrets_" + suffix.replace('-', '_'), "errors.deadletterqueue.topic.name",
                "secrets-dlq-questdb-" + suffix)).config()));
        return configs;
    }

    /** Data moves through every connector configured with {@code suffix}. */
    private void awaitData(String suffix) throws Exception {
        URI uri = URI.create(mosquitto.uri());
        Mqtt5BlockingClient publisher = MqttClient.builder().useMqttVersion5().serverHost(uri.getHost())
            .serverPort(uri.getPort()).identifier("secrets-pub-" + suffix).buildBlocking();
        publisher.connectWith().simpleAuth().username("iot").password(mqttPassword.getBytes()).applySimpleAuth()
            .send();
        publisher.publishWith().topic("secrets/" + suffix + "/d1").qos(MqttQos.AT_LEAST_ONCE)
            .payload("{\"v\":1}".getBytes()).send();
        publisher.disconnect();
        produceReadings("secrets-readings-redis-" + suffix);
        produceReadings("secrets-readings-questdb-" + suffix);
        harness.kafka().consume(1, TIMEOUT.toMillis(), "secrets-mqtt-" + suffix);
        harness.kafka().consume(3, TIMEOUT.toMillis(), "secrets-github-" + suffix);
        Await.until("a Redis series from " + suffix, TIMEOUT, () -> redis.keys().stream()
            .anyMatch(k -> k.contains("secrets-" + suffix)), redis::keys);
        questdb.awaitRowCount("secrets_" + suffix.replace('-', '_'), 1, TIMEOUT);
    }

    private void produceReadings(String topic) {
        if (topic == null) {
            return;
        }
        String suffix = topic.substring(topic.lastIndexOf("-redis-") >= 0 ? topic.lastIndexOf("-redis-") + 7
            : topic.lastIndexOf("-questdb-") + 9);
        harness.produce(topic, "k", "{\"metric\":\"temp\",\"location\":\"secrets-" + suffix
            + "\",\"device\":\"d1\",\"value\":21.5,\"timestamp\":" + System.currentTimeMillis() + "}");
    }

    private void assertPlaceholdersOnly(String configJson, String provider) {
        secrets().forEach(s -> assertFalse(configJson.contains(s), "config shows a secret: " + configJson));
        assertTrue(configJson.contains(provider), configJson);
    }

    /** The failed task's trace, or the state after 20 s when the connector retries instead of failing. */
    private String awaitFailureOrRetrying(String name) {
        try {
            Await.until(name + " to fail", Duration.ofSeconds(20), () -> harness.connect().connectorStatus(name)
                .tasks().stream().anyMatch(t -> "FAILED".equals(t.state())));
            return harness.describe(name);
        } catch (AssertionError e) {
            return "(no task failure within 20 s) " + harness.describe(name);
        }
    }

    private static String firstLine(String trace) {
        return trace.lines().findFirst().orElse("").replaceAll("\\s+", " ");
    }

    /**
     * PUTs a connector config, retrying until it is accepted: until the process worker has taken over as the group's
     * leader, Connect answers 409 (rebalance in progress) or 500 (forwarding to the removed leader failed).
     */
    private static void put(URI uri, String json) {
        StringBuilder last = new StringBuilder();
        Await.until("PUT " + uri + " accepted", TIMEOUT, () -> {
            StringBuilder body = new StringBuilder();
            int status = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), body);
            last.setLength(0);
            last.append(status).append(' ').append(body);
            if (status / 100 != 2) {
                System.out.printf("FAULTS secrets: PUT %s answered %s, retrying%n", uri, last);
            }
            return status / 100 == 2;
        }, last::toString);
    }

    private static int send(HttpRequest.Builder request, StringBuilder body) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (body != null) {
            body.append(response.body());
        }
        return response.statusCode();
    }
}
