package io.tsconnect.quickstart;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import io.tsconnect.simulator.Shape;
import io.tsconnect.simulator.Simulation;
import io.tsconnect.simulator.SimulatorOptions;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.ProjectPaths;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.mqtt.HiveMqBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;
import io.tsconnect.testsupport.redis.RedisUrls;

/**
 * Starts the reference pipelines' services in order on one {@link DataDir}, puts the connector-configs files with
 * this run's addresses (a restarted quickstart updates the stored connectors and keeps their offsets), and closes
 * everything in reverse order: the simulator, then Connect (its tasks commit), then Kafka and the rest.
 */
final class Stack implements AutoCloseable {
    static final List<String> PLUGINS = List.of("mqtt-source-connector", "mqtt-sink-connector",
        "github-events-source-connector", "redis-timeseries-sink-connector", "questdb-sink-connector");
    static final List<String> TOPICS = List.of("device-readings", "github-events", "device-readings-dlq",
        "github-events-dlq", "device-alerts-dlq");
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final QuickstartOptions options;
    private final DataDir data;
    private final Console console;
    EmbeddedQuestDb questdb;
    HiveMqBroker mqtt;
    KafkaNode kafka;
    ConnectWorker connect;
    Admin admin;
    Simulation simulation;
    boolean realGithub;
    boolean redis;

    Stack(QuickstartOptions options, DataDir data, Console console) {
        this.options = options;
        this.data = data;
        this.console = console;
    }

    void start() throws Exception {
        console.step("Starting QuestDB");
        questdb = track(EmbeddedQuestDb.startKeepingData(data.questdb(), Ports.preferred(options.questdbHttpPort()),
            Ports.preferred(options.questdbPgPort()), 0));
        console.step("Starting the MQTT broker (HiveMQ CE)");
        mqtt = track(HiveMqBroker.builder().dataDir(data.mqtt()).port(Ports.preferred(options.mqttPort())).start());
        console.step("Starting Kafka (KRaft, data in " + data.kafka() + ")");
        kafka = track(KafkaNode.start(data.kafka(), Ports.preferred(options.kafkaPort()), Ports.preferred(0)));
        admin = track(kafka.admin());
        createTopics();
        console.step("Starting a distributed Connect worker with the five packaged plugins");
        connect = track(ConnectWorker.start(kafka.bootstrapServers(), Ports.preferred(options.connectPort()),
            PLUGINS.stream().map(ProjectPaths::pluginPath).toList()));
        putConnectors();
        console.step("Starting the device simulator");
        SimulatorOptions.Builder sim = new SimulatorOptions.Builder();
        sim.broker = URI.create(mqtt.uri());
        sim.rate = options.rate();
        sim.shape = Shape.READINGS;
        simulation = track(Simulation.start(sim.build()));
    }

    /** The topics exist up front, so Connect does not log the creation of the sinks' dead-letter topics. */
    private void createTopics() throws Exception {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = TOPICS.stream().filter(t -> !existing.contains(t))
            .map(t -> new NewTopic(t, 1, (short) 1)).toList();
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    }

    private void putConnectors() throws IOException {
        String ilp = questdb.ilpHttpConf();
        put("mqtt-source.json", Map.of("mqtt.server.uris", mqtt.uri()));
        put("questdb-sink-readings.json", Map.of("client.conf.string", ilp));
        put("questdb-sink-github.json", Map.of("client.conf.string", ilp));
        put("mqtt-sink-alerts.json", Map.of("mqtt.server.uris", mqtt.uri()));
        putGithub();
        if (options.redisUrl() != null) {
            put("redis-timeseries-sink.json", RedisUrls.sinkSettings(options.redisUrl()));
            redis = true;
        } else {
            console.note("Redis: skipped. Pass --redis-url redis://host:6379 of a Redis 8 or Redis Stack "
                + "(RedisTimeSeries) to run the RedisTimeSeries sink too.");
        }
    }

    private void putGithub() throws IOException {
        String token = System.getenv("GITHUB_TOKEN");
        realGithub = token != null && !token.isBlank();
        if (realGithub) {
            console.note("GitHub: GITHUB_TOKEN is set, reading the real events API (polling every 60 s).");
            put("github-events-source.json", Map.of());
            return;
        }
        console.note("GitHub: GITHUB_TOKEN is not set, so the GitHub source reads a bundled recorded sample "
            + "(30 real events of 2013-01-10 plus generated ones) from a local replay server, not GitHub.");
        // Ids above the clock's milliseconds: a run on kept data never serves an id an earlier run served.
        GithubReplayServer replay = track(GithubReplayServer.start()).idsAbove(System.currentTimeMillis());
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
        put("github-events-source.json", overrides);
    }

    /** PUTs a connector-configs file with this run's addresses: created on a first run, updated on a later one. */
    private void put(String file, Map<String, String> overrides) throws IOException {
        console.step("PUT connector-configs/" + file);
        ConnectorConfigs configs = ConnectorConfigs.load(file).with(overrides);
        connect.put(configs.name(), configs.config(), 1);
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
