package io.tsconnect.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.simulator.sparkplug.SparkplugEdgeNode;
import io.tsconnect.simulator.sparkplug.SparkplugPayloads;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;
import io.tsconnect.testsupport.redis.TimeSeriesStore;

/**
 * Sparkplug B into QuestDB and RedisTimeSeries through the shipped files {@code mqtt-source-sparkplug.json},
 * {@code questdb-sink-sparkplug.json} and {@code redis-timeseries-sink-sparkplug.json}: a simulated edge node's births
 * and data by alias land as one row per metric, named, with the edge node's timestamps, in table
 * {@code sparkplug_metrics}, and every numeric metric as a labelled series {@code <metric>:<edge node>:<device>}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkplugPipelineIT {
    private static final int ROUNDS = 50;
    private static final int CATALOGUE_ROWS_PER_DEVICE = 3 + SparkplugPayloads.CATALOGUE.size();
    /** NBIRTH (2 metrics), two DBIRTHs, then ROUNDS DDATA of 3 metrics per device. */
    private static final int ROWS = 2 + 2 * CATALOGUE_ROWS_PER_DEVICE + ROUNDS * 2 * 3;
    /** An hour ago, whole seconds: within the shipped Redis retention (30 days) of the births, sent now. */
    private static final long T0 = System.currentTimeMillis() / 1000 * 1000 - 3_600_000;
    private MosquittoBroker mqtt;
    private EmbeddedQuestDb questdb;
    private RedisTimeSeriesStandIn redis;
    private ConnectHarness harness;

    @BeforeAll
    void startPipeline() {
        mqtt = MosquittoBroker.builder().start();
        questdb = EmbeddedQuestDb.start();
        redis = RedisTimeSeriesStandIn.standalone().start();
        harness = ConnectHarness.builder().plugins("mqtt-source-connector", "questdb-sink-connector",
            "redis-timeseries-sink-connector").start();
        harness.startConnectorFile("mqtt-source-sparkplug.json", Map.of("mqtt.server.uris", mqtt.uri()), 1);
        harness.startConnectorFile("questdb-sink-sparkplug.json", Map.of("client.conf.string",
            questdb.ilpHttpConf()), 1);
        harness.startConnectorFile("redis-timeseries-sink-sparkplug.json", Map.of("redis.hosts", redis.hostPort()),
            1);
        try (SparkplugEdgeNode edge = SparkplugEdgeNode.connect(URI.create(mqtt.uri()), null, null, "plant",
            "line1", List.of("press", "oven"), 0)) {
            edge.birth();
            for (int i = 0; i < ROUNDS; i++) {
                for (int d = 0; d < 2; d++) {
                    edge.data(d, T0 + i * 1000L, 100 * d + i + 0.5, i, i);
                }
            }
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
    void everyMetricIsARowWithItsNameSymbolsAndTimestamp() {
        questdb.awaitRowCount("sparkplug_metrics", ROWS, Duration.ofSeconds(90));
        Map<String, String> types = questdb.columnTypes("sparkplug_metrics");
        assertEquals("SYMBOL", types.get("group"));
        assertEquals("SYMBOL", types.get("edge_node"));
        assertEquals("SYMBOL", types.get("device"));
        assertEquals("SYMBOL", types.get("metric"));
        assertEquals("DOUBLE", types.get("value"));
        List<Map<String, Object>> oven = questdb.query("SELECT cast(timestamp AS long) / 1000 ts, value, datatype "
            + "FROM sparkplug_metrics WHERE device = 'oven' AND metric = 'temperature' AND message_type = 'DDATA' "
            + "ORDER BY timestamp");
        assertEquals(ROUNDS, oven.size());
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(T0 + i * 1000L, ((Number) oven.get(i).get("ts")).longValue());
            assertEquals(100 + i + 0.5, ((Number) oven.get(i).get("value")).doubleValue());
            assertEquals("Double", oven.get(i).get("datatype"));
        }
        List<Map<String, Object>> count = questdb.query("SELECT value_long FROM sparkplug_metrics WHERE "
            + "device = 'press' AND metric = 'count' AND message_type = 'DDATA' ORDER BY timestamp");
        assertEquals(ROUNDS - 1, ((Number) count.get(ROUNDS - 1).get("value_long")).longValue());
        List<Map<String, Object>> node = questdb.query("SELECT device, value FROM sparkplug_metrics "
            + "WHERE metric = 'bdSeq'");
        assertEquals(1, node.size());
        assertNull(node.get(0).get("device"), "a node-level metric has no device");
        List<Map<String, Object>> text = questdb.query("SELECT value_text FROM sparkplug_metrics "
            + "WHERE device = 'press' AND metric = 'string_array'");
        assertEquals("[\"a\",\"b\"]", text.get(0).get("value_text"));
    }

    @Test
    void everyNumericMetricIsALabelledSeriesAndNodeMetricsHaveTheirOwn() {
        Await.until("the oven's temperature series", Duration.ofSeconds(90),
            () -> redis.keys().contains("temperature:line1:oven")
                && redis.series("temperature:line1:oven").samples()
                    .subMap(T0, true, T0 + (ROUNDS - 1) * 1000L, true).size() == ROUNDS,
            () -> redis.keys().toString());
        TimeSeriesStore.Series oven = redis.series("temperature:line1:oven");
        assertEquals(Map.of("group", "plant", "edge_node", "line1", "device", "oven", "metric", "temperature"),
            oven.labels());
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(100 + i + 0.5, oven.samples().get(T0 + i * 1000L), "sample " + i);
        }
        Await.until("the node's bdSeq series", Duration.ofSeconds(30),
            () -> redis.keys().contains("bdSeq:line1:node"), () -> redis.keys().toString());
        assertFalse(redis.series("bdSeq:line1:node").labels().containsKey("device"), "a node metric has no device");
        assertTrue(redis.keys().contains("count:line1:press"), redis.keys().toString());
        // Strings, bytes, arrays and null metrics have no numeric value: ignored, not series and not DLQ records.
        assertFalse(redis.keys().stream().anyMatch(k -> k.startsWith("string")), redis.keys().toString());
    }
}
