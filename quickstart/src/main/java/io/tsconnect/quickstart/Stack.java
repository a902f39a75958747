package io.tsconnect.quickstart;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tsconnect.simulator.Shape;
import io.tsconnect.simulator.Simulation;
import io.tsconnect.simulator.SimulatorOptions;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.mqtt.HiveMqBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;

/**
 * Starts the reference pipelines' services in order, posts the connector-configs files with this stack's
 * addresses, and closes everything in reverse order.
 */
final class Stack implements AutoCloseable {
    static final List<String> PLUGINS = List.of("mqtt-source-connector", "github-events-source-connector",
        "redis-timeseries-sink-connector", "questdb-sink-connector");
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final QuickstartOptions options;
    private final Console console;
    EmbeddedQuestDb questdb;
    HiveMqBroker mqtt;
    ConnectHarness connect;
    Simulation simulation;
    boolean realGithub;
    boolean redis;
    private int connectPort;

    Stack(QuickstartOptions options, Console console) {
        this.options = options;
        this.console = console;
    }

    void start() throws Exception {
        Files.createDirectories(options.dataDir());
        console.step("Starting QuestDB");
        questdb = track(EmbeddedQuestDb.startKeepingData(options.dataDir().resolve("questdb"),
            Ports.preferred(options.questdbHttpPort()), Ports.preferred(options.questdbPgPort()), 0));
        console.step("Starting the MQTT broker (HiveMQ CE)");
        mqtt = track(HiveMqBroker.builder().dataDir(options.dataDir().resolve("mqtt"))
            .port(Ports.preferred(options.mqttPort())).start());
        console.step("Starting Kafka (KRaft) and a distributed Connect worker with the four packaged plugins");
        connectPort = Ports.preferred(options.connectPort());
        ConnectHarness.Builder builder = ConnectHarness.builder().name("quickstart").workers(1)
            .workerProp("listeners", "http://127.0.0.1:" + connectPort);
        PLUGINS.forEach(builder::plugins);
        connect = track(builder.start());
        postConnectors();
        console.step("Starting the device simulator");
        SimulatorOptions.Builder sim = new SimulatorOptions.Builder();
        sim.broker = URI.create(mqtt.uri());
        sim.rate = options.rate();
        sim.shape = Shape.READINGS;
        simulation = track(Simulation.start(sim.build()));
    }

    private void postConnectors() {
        // The sinks' dead-letter topics exist up front, so Connect does not log their creation as an error.
        for (String topic : List.of("device-readings", "github-events", "device-readings-dlq", "github-events-dlq")) {
            connect.kafka().createTopic(topic, 1);
        }
        String ilp = questdb.ilpHttpConf();
        post("mqtt-source.json", Map.of("mqtt.server.uris", mqtt.uri()));
        post("questdb-sink-readings.json", Map.of("client.conf.string", ilp));
        post("questdb-sink-github.json", Map.of("client.conf.string", ilp));
        postGithub();
        if (options.redisUrl() != null) {
            post("redis-timeseries-sink.json", redisOverrides(options.redisUrl()));
            redis = true;
        } else {
            console.note("Redis: skipped. Pass --redis-url redis://host:6379 of a Redis 8 or Redis Stack "
                + "(RedisTimeSeries) to run the RedisTimeSeries sink too.");
        }
    }

    private void postGithub() {
        String token = System.getenv("GITHUB_TOKEN");
        realGithub = token != null && !token.isBlank();
        if (realGithub) {
            console.note("GitHub: GITHUB_TOKEN is set, reading the real events API (polling every 60 s).");
            post("github-events-source.json", Map.of());
            return;
        }
        console.note("GitHub: GITHUB_TOKEN is not set, so the GitHub source reads a bundled recorded sample "
            + "(30 real events of 2013-01-10 plus generated ones) from a local replay server, not GitHub.");
        GithubReplayServer replay = track(GithubReplayServer.start());
        replay.pollInterval(5);
        replay.stream("events").addFixture("events-page-2013-01-10.json");
        replay.stream("events").generate(20);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "github-sample-events");
            t.setDaemon(true);
            return t;
        });
        started.push(ticker::shutdownNow);
        ticker.scheduleAtFixedRate(() -> replay.stream("events").generate(3), 10, 10, TimeUnit.SECONDS);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("github.api.url", replay.baseUrl());
        overrides.put("github.token", null);
        overrides.put("github.poll.interval.min.ms", "5000");
        post("github-events-source.json", overrides);
    }

    private static Map<String, String> redisOverrides(URI url) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("redis.hosts", url.getHost() + ":" + (url.getPort() > 0 ? url.getPort() : 6379));
        String userInfo = url.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon > 0) {
                overrides.put("redis.user", userInfo.substring(0, colon));
            }
            overrides.put("redis.password", colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
        }
        if ("rediss".equals(url.getScheme())) {
            overrides.put("redis.tls.enabled", "true");
        }
        return overrides;
    }

    private void post(String file, Map<String, String> overrides) {
        console.step("POST connector-configs/" + file);
        connect.startConnectorFile(file, overrides, 1);
    }

    String connectUrl() {
        return "http://127.0.0.1:" + connectPort;
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                console.note("While stopping: " + e);
            }
        }
    }

}
