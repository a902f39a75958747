package io.tsconnect.faults.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.faults.FaultCluster;
import io.tsconnect.faults.Teardown;
import io.tsconnect.faults.sources.DeliveryLedger;
import io.tsconnect.faults.sources.GithubFaultStorm;
import io.tsconnect.faults.sources.SequencePublisher;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;

/**
 * Both reference pipelines at once, through the shipped {@code connector-configs} files (addresses, task counts and
 * retry pacing aside), on a 3-worker cluster: devices → mosquitto → MQTT source → {@code device-readings} → QuestDB
 * {@code device_readings} and RedisTimeSeries; GitHub (a replay server under an error storm) → GitHub source →
 * {@code github-events} → QuestDB {@code github_events}. One fault after another: a worker killed with SIGKILL, a
 * worker removed, the Kafka broker, mosquitto, QuestDB and Redis restarted.
 *
 * <p>What users count is the store, not the topic: after each fault, once everything produced before it has landed,
 * every store must hold each event exactly once — QuestDB {@code count() == count_distinct(natural key)}, one
 * RedisTimeSeries sample per reading in its own series — whatever the topics hold twice; at the end each store holds
 * exactly the produced set. Printed beside them: what the same shipped sinks leave in tables without dedup keys
 * ({@code device_readings_plain}, {@code github_events_plain}: every event, some more than once) and the duplicates
 * in Kafka, which is what the stores absorbed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferencePipelinesFaultIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int TASKS = 3;
    private static final List<String> STREAMS = List.of("repos/pipe/a", "orgs/pipe-b", "users/pipe-c");
    /** Connector name to its task count. */
    private static final Map<String, Integer> CONNECTORS = new LinkedHashMap<>();

    static {
        CONNECTORS.put("mqtt-source", 1);
        CONNECTORS.put("questdb-sink-readings", TASKS);
        CONNECTORS.put("redis-timeseries-sink", TASKS);
        CONNECTORS.put("github-events-source", TASKS);
        CONNECTORS.put("questdb-sink-github", TASKS);
        CONNECTORS.put("questdb-sink-readings-plain", TASKS);
        CONNECTORS.put("questdb-sink-github-plain", TASKS);
    }

    /**
     * The shipped QuestDB sinks again, into tables created by ILP without dedup keys: what a store without them
     * would hold, reported beside the stores ("duplicates before dedup"), never asserted.
     */
    private static final Map<String, String> NO_DEDUP = Map.of("table.create", "false", "table.columns", "",
        "table.dedup.keys", "");

    private final Readings readings = new Readings(System.currentTimeMillis());
    private final List<String> report = new ArrayList<>();
    private MosquittoBroker mosquitto;
    private EmbeddedQuestDb questdb;
    private RedisTimeSeriesStandIn redis;
    private GithubReplayServer github;
    private FaultCluster cluster;
    private ConnectHarness harness;

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed");
        mosquitto = MosquittoBroker.builder().start();
        questdb = EmbeddedQuestDb.start();
        redis = RedisTimeSeriesStandIn.standalone().start();
        github = GithubReplayServer.start().pollInterval(1);
        cluster = FaultCluster.start("pipelines", List.of("mqtt-source-connector", "github-events-source-connector",
            "redis-timeseries-sink-connector", "questdb-sink-connector"), Map.of(
            "session.timeout.ms", "6000", "heartbeat.interval.ms", "1500",
            "consumer.session.timeout.ms", "6000", "consumer.heartbeat.interval.ms", "1500"));
        harness = cluster.harness();
        for (String topic : List.of("device-readings", "github-events")) {
            harness.kafka().createTopic(topic, TASKS);
        }
        for (String topic : List.of("device-readings-dlq", "github-events-dlq")) {
            harness.kafka().createTopic(topic, 1);
        }
    }

    @AfterAll
    void stop() throws Exception {
        Teardown.closeAll(cluster, mosquitto, redis, questdb, github);
    }

    @Test
    void eachStoreHoldsEveryEventExactlyOnceAfterEveryFault() throws Exception {
        long started = System.nanoTime();
        startConnectors();
        // The MQTT source must be subscribed before the devices publish (MQTT keeps nothing for a session never made).
        CONNECTORS.forEach((name, tasks) -> cluster.awaitTasksRunning("start", null, tasks, TIMEOUT, name));
        try (SequencePublisher devices = new SequencePublisher(mosquitto.uri(), readings::message, 30);
             GithubFaultStorm storm = new GithubFaultStorm(github, STREAMS);
             DeliveryLedger readingsInKafka = DeliveryLedger.byValue(harness, "device-readings");
             DeliveryLedger eventsInKafka = DeliveryLedger.byKey(harness, "github-events")) {
            Run run = new Run(devices, storm, readingsInKafka, eventsInKafka);
            checkpoint(run, "start", null);
            checkpoint(run, "process worker killed (SIGKILL)", cluster.killProcessWorker());
            checkpoint(run, "worker removed", cluster.removeEmbeddedWorkerRunningATask(
                CONNECTORS.keySet().toArray(String[]::new)));
            cluster.restartKafkaBroker(Duration.ofSeconds(3));
            checkpoint(run, "Kafka broker restarted", null);
            mosquitto.restart();
            checkpoint(run, "mosquitto restarted", null);
            questdb.stop();
            Thread.sleep(3000);
            questdb.restart();
            checkpoint(run, "QuestDB restarted", null);
            redis.stop();
            Thread.sleep(3000);
            redis.start();
            checkpoint(run, "Redis restarted", null);
            verifyExactly(run, devices.stop(), storm.stop());
        }
        report.forEach(line -> System.out.println("PIPELINES " + line));
        System.out.printf("PIPELINES done in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** What the test produces and reads while it runs. */
    private record Run(SequencePublisher devices, GithubFaultStorm storm, DeliveryLedger readingsInKafka,
                       DeliveryLedger eventsInKafka) {
    }

    private void startConnectors() {
        Map<String, String> fast = Map.of("retry.backoff.initial.ms", "100", "retry.backoff.max.ms", "2000");
        put("mqtt-source.json", fast, Map.of("mqtt.server.uris", mosquitto.uri()));
        put("questdb-sink-readings.json", fast, Map.of("client.conf.string", questdb.ilpHttpConf(),
            "tasks.max", "3", "flush.idle.ms", "100"));
        put("redis-timeseries-sink.json", fast, Map.of("redis.hosts", redis.hostPort(), "tasks.max", "3",
            "redis.socket.timeout.ms", "2000"));
        Map<String, String> github = new HashMap<>(Map.of("github.api.url", this.github.baseUrl(),
            "github.streams", String.join(",", STREAMS), "tasks.max", "3", "github.poll.interval.min.ms", "200",
            "github.rate.limit.backoff.initial.ms", "500", "github.rate.limit.backoff.max.ms", "2000"));
        github.put("github.token", null);
        put("github-events-source.json", fast, github);
        Map<String, String> sink = Map.of("client.conf.string", questdb.ilpHttpConf(), "tasks.max", "3",
            "flush.idle.ms", "100");
        put("questdb-sink-github.json", fast, sink);
        put(ConnectorConfigs.load("questdb-sink-readings.json").named("questdb-sink-readings-plain").with(fast)
            .with(sink).with(NO_DEDUP).with(Map.of("table", "device_readings_plain")));
        put(ConnectorConfigs.load("questdb-sink-github.json").named("questdb-sink-github-plain").with(fast)
            .with(sink).with(NO_DEDUP).with(Map.of("table", "github_events_plain")));
    }

    private void put(String file, Map<String, String> pacing, Map<String, String> overrides) {
        put(ConnectorConfigs.load(file).with(pacing).with(overrides));
    }

    private void put(ConnectorConfigs configs) {
        harness.connect().configureConnector(configs.name(), configs.config());
    }

    /**
     * After a fault: waits until every connector runs again (none on {@code goneWorker}), until everything produced
     * before now has landed in every store, then asserts that no store holds anything twice.
     */
    private void checkpoint(Run run, String fault, String goneWorker) {
        long t0 = System.nanoTime();
        CONNECTORS.forEach((name, tasks) -> cluster.awaitTasksRunning(fault, goneWorker, tasks, TIMEOUT, name));
        int readingsMark = run.devices().published() / Readings.SERIES * Readings.SERIES;
        List<String> events = run.storm().ids();
        List<String> produced = IntStream.range(0, readingsMark).mapToObj(String::valueOf).toList();
        awaitLanded(fault, readingsMark, produced, this::readingsRows);
        awaitLanded(fault, readingsMark, produced, this::readingsSamples);
        awaitLanded(fault, events.size(), events, this::eventRows);
        List<StoreContents> stores = List.of(readingsRows(), readingsSamples(), eventRows());
        report.add(String.format("after %s (landed in %.1f s): %s; before dedup: %s, %s; in Kafka: readings %s, "
            + "github events %s", fault, (System.nanoTime() - t0) / 1e9, stores,
            StoreContents.readings(questdb, "device_readings_plain", readings),
            StoreContents.events(questdb, "github_events_plain"), kafka(run.readingsInKafka()),
            kafka(run.eventsInKafka())));
        for (StoreContents store : stores) {
            assertEquals(0, store.duplicates(), "after " + fault + ": " + store);
            assertEquals(List.of(), store.foreign(), "after " + fault + ": " + store);
        }
    }

    private void awaitLanded(String fault, int cheapCount, List<String> produced, Supplier<StoreContents> store) {
        Await.until(produced.size() + " events produced before '" + fault + "' landed in the store", TIMEOUT,
            () -> {
                StoreContents contents = store.get();
                return contents.distinct() >= cheapCount && contents.missing(produced).isEmpty();
            }, () -> {
                StoreContents contents = store.get();
                return contents + ", missing " + contents.missing(produced);
            });
    }

    private void verifyExactly(Run run, int published, List<String> events) {
        List<String> readingIds = IntStream.range(0, published).mapToObj(String::valueOf).toList();
        awaitLanded("the end", published, readingIds, this::readingsRows);
        awaitLanded("the end", published, readingIds, this::readingsSamples);
        awaitLanded("the end", events.size(), events, this::eventRows);
        awaitLanded("the end", published, readingIds,
            () -> StoreContents.readings(questdb, "device_readings_plain", readings));
        awaitLanded("the end", events.size(), events, () -> StoreContents.events(questdb, "github_events_plain"));
        List<StoreContents> readingStores = List.of(readingsRows(), readingsSamples());
        StoreContents eventStore = eventRows();
        report.add(String.format("end: readings published %d (publisher retries %d), %s; github events generated "
            + "%d (%d faults scripted), %s; before dedup: %s, %s; in Kafka: readings %s, github events %s",
            published, run.devices().retries(), readingStores, events.size(), run.storm().scripted(), eventStore,
            StoreContents.readings(questdb, "device_readings_plain", readings),
            StoreContents.events(questdb, "github_events_plain"), kafka(run.readingsInKafka()),
            kafka(run.eventsInKafka())));
        for (StoreContents store : readingStores) {
            assertEquals(published, store.entries(), store + ": exactly the published readings");
            assertEquals(published, store.distinct(), store.toString());
        }
        assertEquals(events.size(), eventStore.entries(), eventStore + ": exactly the generated events");
        assertEquals(events.size(), eventStore.distinct(), eventStore.toString());
        assertTrue(published > 3000, "readings flowed through the whole run: " + published);
    }

    private StoreContents readingsRows() {
        return StoreContents.readings(questdb, "device_readings", readings);
    }

    private StoreContents readingsSamples() {
        return StoreContents.samples(redis, readings);
    }

    private StoreContents eventRows() {
        return StoreContents.events(questdb, "github_events");
    }

    private static String kafka(DeliveryLedger ledger) {
        ledger.drain();
        return ledger.records() + " records, " + ledger.distinct() + " distinct, " + ledger.duplicates()
            + " duplicates";
    }
}
