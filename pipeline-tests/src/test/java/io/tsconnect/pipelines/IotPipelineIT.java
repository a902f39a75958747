package io.tsconnect.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.simulator.Shape;
import io.tsconnect.simulator.Simulation;
import io.tsconnect.simulator.SimulatorOptions;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;
import io.tsconnect.testsupport.redis.TimeSeriesStore;

/**
 * The IoT reference pipeline through the real {@code connector-configs} files: the device simulator publishes to
 * mosquitto, the MQTT source moves readings to {@code device-readings}, and both sinks land every reading — as
 * QuestDB rows and as RedisTimeSeries samples in series {@code <metric>:<location>:<device>} labelled
 * metric/location/device, with the same values in both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IotPipelineIT {
    private static final int LOCATIONS = 3;
    private static final int DEVICES = 2;
    private static final int ROUNDS = 40;
    private static final int MESSAGES = LOCATIONS * DEVICES * 2 * ROUNDS;
    private MosquittoBroker mqtt;
    private EmbeddedQuestDb questdb;
    private RedisTimeSeriesStandIn redis;
    private ConnectHarness harness;

    @BeforeAll
    void startPipeline() throws Exception {
        mqtt = MosquittoBroker.builder().start();
        questdb = EmbeddedQuestDb.start();
        redis = RedisTimeSeriesStandIn.standalone().start();
        harness = ConnectHarness.builder().plugins("mqtt-source-connector", "redis-timeseries-sink-connector",
            "questdb-sink-connector").start();
        harness.startConnectorFile("mqtt-source.json", Map.of("mqtt.server.uris", mqtt.uri()), 1);
        harness.startConnectorFile("questdb-sink-readings.json", Map.of("client.conf.string", questdb.ilpHttpConf()),
            1);
        harness.startConnectorFile("redis-timeseries-sink.json", Map.of("redis.hosts", redis.hostPort()), 1);

        SimulatorOptions.Builder sim = new SimulatorOptions.Builder();
        sim.broker = URI.create(mqtt.uri());
        sim.locations = LOCATIONS;
        sim.devices = DEVICES;
        sim.shape = Shape.READINGS;
        sim.rate = 400;
        sim.count = MESSAGES;
        sim.qos = 1;
        try (Simulation simulation = Simulation.start(sim.build())) {
            simulation.await(60_000);
            assertEquals(MESSAGES, simulation.published(), "the broker acknowledged every publish");
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {harness, redis, questdb, mqtt}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void everyReadingLandsInQuestDbWithSymbolsAndItsOwnTimestamp() {
        questdb.awaitRowCount("device_readings", MESSAGES, Duration.ofSeconds(90));
        Map<String, String> types = questdb.columnTypes("device_readings");
        assertEquals("SYMBOL", types.get("metric"));
        assertEquals("SYMBOL", types.get("location"));
        assertEquals("DOUBLE", types.get("value"));
        List<Map<String, Object>> perSeries = questdb.query(
            "SELECT metric, location, device, count() n FROM device_readings ORDER BY metric, location, device");
        assertEquals(LOCATIONS * DEVICES * 2, perSeries.size(), perSeries.toString());
        perSeries.forEach(row -> assertEquals(ROUNDS, ((Number) row.get("n")).intValue(), row.toString()));
        // The SAMPLE BY query the README and the quickstart suggest works on what landed.
        assertTrue(!questdb.query("SELECT location, avg(value) FROM device_readings WHERE metric = 'temp' "
            + "SAMPLE BY 10s").isEmpty());
    }

    @Test
    void everyReadingIsASampleOfItsLabelledSeriesWithTheValuesQuestDbHas() {
        Await.until(MESSAGES + " samples in RedisTimeSeries", Duration.ofSeconds(90),
            () -> totalSamples() == MESSAGES, () -> totalSamples() + " samples in " + redis.keys());
        assertEquals(LOCATIONS * DEVICES * 2, redis.keys().size(), redis.keys().toString());
        TimeSeriesStore.Series temp32 = redis.series("temp:3:2");
        assertEquals(Map.of("metric", "temp", "location", "3", "device", "2"), temp32.labels());
        assertEquals(ROUNDS, temp32.samples().size());

        questdb.awaitRowCount("device_readings", MESSAGES, Duration.ofSeconds(90));
        NavigableMap<Long, Double> fromQuestDb = new TreeMap<>();
        questdb.query("SELECT cast(timestamp AS long) / 1000 ts, value FROM device_readings "
            + "WHERE metric = 'temp' AND location = '3' AND device = '2'").forEach(row ->
            fromQuestDb.put(((Number) row.get("ts")).longValue(), ((Number) row.get("value")).doubleValue()));
        assertEquals(fromQuestDb, new TreeMap<>(temp32.samples()),
            "temp:3:2 holds the same (timestamp ms, value) pairs as QuestDB");
    }

    private long totalSamples() {
        return redis.keys().stream().mapToLong(k -> redis.series(k).samples().size()).sum();
    }
}
