package io.tsconnect.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;

/**
 * Sparkplug B into QuestDB through the shipped files {@code mqtt-source-sparkplug.json} and
 * {@code questdb-sink-sparkplug.json}: a simulated edge node's births and data by alias land as one row per metric,
 * named, with the edge node's timestamps, in table {@code sparkplug_metrics}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkplugPipelineIT {
    private static final int ROUNDS = 50;
    private static final int CATALOGUE_ROWS_PER_DEVICE = 3 + SparkplugPayloads.CATALOGUE.size();
    /** NBIRTH (2 metrics), two DBIRTHs, then ROUNDS DDATA of 3 metrics per device. */
    private static final int ROWS = 2 + 2 * CATALOGUE_ROWS_PER_DEVICE + ROUNDS * 2 * 3;
    private static final long T0 = 1_700_000_000_000L;
    private MosquittoBroker mqtt;
    private EmbeddedQuestDb questdb;
    private ConnectHarness harness;

    @BeforeAll
    void startPipeline() {
        mqtt = MosquittoBroker.builder().start();
        questdb = EmbeddedQuestDb.start();
        harness = ConnectHarness.builder().plugins("mqtt-source-connector", "questdb-sink-connector").start();
        harness.startConnectorFile("mqtt-source-sparkplug.json", Map.of("mqtt.server.uris", mqtt.uri()), 1);
        harness.startConnectorFile("questdb-sink-sparkplug.json", Map.of("client.conf.string",
            questdb.ilpHttpConf()), 1);
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
        for (AutoCloseable c : new AutoCloseable[] {harness, questdb, mqtt}) {
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
}
