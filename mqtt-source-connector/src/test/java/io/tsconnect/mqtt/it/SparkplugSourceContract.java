package io.tsconnect.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tsconnect.simulator.sparkplug.SparkplugEdgeNode;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;

/**
 * Sparkplug B through the packaged MQTT source on a real Connect cluster, against each broker: a simulated edge
 * node publishes births, data by alias, deaths and a lost sequence number; the records in Kafka must carry names,
 * typed values and state, across a task restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SparkplugSourceContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private ConnectHarness harness;

    /** Starts an anonymous broker and returns its tcp:// URI. */
    protected abstract String startBroker() throws Exception;

    protected abstract void stopBroker() throws Exception;

    protected abstract String brokerName();

    private String uri;

    @BeforeAll
    void start() throws Exception {
        uri = startBroker();
        harness = ConnectHarness.builder().plugins("mqtt-source-connector").workers(1).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        stopBroker();
    }

    private String name(String test) {
        return brokerName() + "-sp-" + test;
    }

    private Map<String, String> config(String name, String group) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.tsconnect.mqtt.MqttSourceConnector");
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", uri);
        c.put("mqtt.client.id.prefix", name);
        c.put("mqtt.topic.filters", "spBv1.0/" + group + "/#");
        c.put("kafka.topic", name);
        c.put("value.format", "sparkplug_b");
        c.put("sparkplug.state.topic", name + "-state");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        c.put("offset.flush.interval.ms", "1000");
        return c;
    }

    private void startConnector(String name, Map<String, String> config) {
        harness.startConnector(name, config, 1);
        awaitSubscribed(name);
    }

    private void awaitSubscribed(String name) {
        Await.until(name + " subscribed", TIMEOUT, () -> Boolean.TRUE.equals(metric(name, "Subscribed")),
            () -> harness.describe(name));
    }

    private static Object metric(String connector, String attribute) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("kafka.connect.tsconnect:type=mqtt-source-task,connector="
            + ObjectName.quote(connector) + ",task=0");
        return server.isRegistered(name) ? server.getAttribute(name, attribute) : null;
    }

    private SparkplugEdgeNode edgeNode(String group, String edge, long bdSeq) {
        return SparkplugEdgeNode.connect(URI.create(uri), null, null, group, edge, List.of("d0", "d1"), bdSeq);
    }

    private static List<JsonNode> json(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }

    private List<JsonNode> await(String topic, int n) throws Exception {
        try (TopicTail tail = new TopicTail(harness, topic)) {
            return json(tail.await(n, TIMEOUT));
        }
    }

    @Test
    void everyDatatypeArrivesTypedInOneRecordPerMessage() throws Exception {
        String name = name("types");
        Map<String, String> c = config(name, "types");
        c.put("sparkplug.output", "message");
        c.put("value.converter.schemas.enable", "true");
        startConnector(name, c);
        try (SparkplugEdgeNode edge = edgeNode("types", "e1", 0)) {
            edge.birth();
        }
        List<JsonNode> records = await(name, 3);
        JsonNode dbirth = records.stream().filter(r -> "d0".equals(r.at("/payload/device").asText()))
            .findFirst().orElseThrow();
        JsonNode m = dbirth.at("/payload/metrics");
        Map<String, String> types = new HashMap<>();
        dbirth.at("/schema/fields").forEach(f -> {
            if ("metrics".equals(f.path("field").asText())) {
                f.path("fields").forEach(mf -> types.put(mf.path("field").asText(), mf.path("type").asText()));
            }
        });
        assertEquals(20.0, m.path("temperature").asDouble());
        assertEquals("double", types.get("temperature"));
        assertEquals("float", types.get("pressure"));
        assertEquals("int32", types.get("count"));
        assertEquals(-8, m.path("int8").asInt());
        assertEquals("int8", types.get("int8"));
        assertEquals(-1600, m.path("int16").asInt());
        assertEquals("int16", types.get("int16"));
        assertEquals(-6_400_000_000L, m.path("int64").asLong());
        assertEquals(200, m.path("uint8").asInt());
        assertEquals("int16", types.get("uint8"));
        assertEquals(60_000, m.path("uint16").asInt());
        assertEquals("int32", types.get("uint16"));
        assertEquals(4_000_000_000L, m.path("uint32").asLong());
        assertEquals("int64", types.get("uint32"));
        assertEquals(64, m.path("uint64").asLong());
        assertTrue(m.path("boolean").asBoolean());
        assertEquals("pump-7", m.path("string").asText());
        assertEquals(1_700_000_000_000L, m.path("datetime").asLong());
        assertEquals("free text", m.path("text").asText());
        assertEquals("7c9e6679-7425-40de-944b-e07fc1f90ae7", m.path("uuid").asText());
        assertEquals(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}), m.path("bytes").asText());
        assertEquals("bytes", types.get("file"));
        assertEquals(1, m.at("/dataset/rows/0/step").asInt());
        assertTrue(m.at("/dataset/rows/0/ok").asBoolean());
        assertEquals("Motor", m.at("/template/template_ref").asText());
        assertEquals(7.5, m.at("/template/parameters/rated").asDouble());
        assertEquals(1450, m.at("/template/metrics/rpm").asInt());
        assertEquals("[-1,2]", m.path("int8_array").toString());
        assertEquals("[-300,300]", m.path("int16_array").toString());
        assertEquals("[-70000,70000]", m.path("int32_array").toString());
        assertEquals("[-1,1]", m.path("int64_array").toString());
        assertEquals("[255]", m.path("uint8_array").toString());
        assertEquals("[65535]", m.path("uint16_array").toString());
        assertEquals("[4294967295]", m.path("uint32_array").toString());
        assertEquals("[1]", m.path("uint64_array").toString());
        assertEquals("[0.5,1.5]", m.path("float_array").toString());
        assertEquals("[0.25]", m.path("double_array").toString());
        assertEquals("[true,false,true]", m.path("boolean_array").toString());
        assertEquals("[\"a\",\"b\"]", m.path("string_array").toString());
        assertEquals("[1700000000000]", m.path("datetime_array").toString());
        assertTrue(m.path("null_double").isNull());
        assertEquals("double", types.get("null_double"));
    }

    @Test
    void aliasesAreNamedAfterATaskRestartWithoutARebirth() throws Exception {
        String name = name("restart");
        Map<String, String> c = config(name, "restart");
        c.put("sparkplug.rebirth.enabled", "true");
        startConnector(name, c);
        try (SparkplugEdgeNode edge = edgeNode("restart", "e1", 0)) {
            edge.birth();
            edge.data(0, 1_000L, 21.0, 1.5f, 1);
            try (TopicTail tail = new TopicTail(harness, name)) {
                Await.until("the first data records", TIMEOUT, () -> json(tail.poll()).stream()
                    .anyMatch(r -> r.path("timestamp").asLong() == 1_000L), () -> tail.poll().size());
            }
            harness.connect().stopConnector(name);
            Await.until(name + " stopped", TIMEOUT, () -> metric(name, "Subscribed") == null,
                () -> harness.describe(name));
            edge.data(0, 2_000L, 22.0, 2.5f, 2);
            edge.data(1, 3_000L, 23.0, 3.5f, 3);
            harness.connect().resumeConnector(name);
            awaitSubscribed(name);
            try (TopicTail tail = new TopicTail(harness, name)) {
                Await.until("data after the restart", TIMEOUT, () -> json(tail.poll()).stream()
                    .anyMatch(r -> r.path("timestamp").asLong() == 3_000L), () -> tail.poll().size());
                List<JsonNode> records = json(tail.poll());
                JsonNode temperature = records.stream().filter(r -> r.path("timestamp").asLong() == 3_000L
                    && "temperature".equals(r.path("metric").asText())).findFirst().orElseThrow(
                        () -> new AssertionError("unnamed after restart: " + records));
                assertEquals(23.0, temperature.path("value").asDouble());
                assertEquals("Double", temperature.path("datatype").asText());
                assertEquals("d1", temperature.path("device").asText());
                assertEquals("restart/e1/d1", TopicTail.text(tail.poll().stream()
                    .filter(r -> TopicTail.text(r.value()).contains("\"timestamp\":3000")).findFirst()
                    .orElseThrow().key()));
                assertEquals(2.5, records.stream().filter(r -> r.path("timestamp").asLong() == 2_000L
                    && "pressure".equals(r.path("metric").asText())).findFirst().orElseThrow()
                    .path("value").asDouble());
            }
            assertEquals(0, edge.rebirths(), "the restarted task knew the aliases from its offsets");
            assertEquals(0L, metric(name, "SparkplugUnknownAliases"));
            assertEquals(0L, metric(name, "SparkplugSequenceGaps"));
        }
    }

    @Test
    void aLostSequenceNumberBringsARebirthAndTheSequenceWrapsCleanly() throws Exception {
        String name = name("gap");
        Map<String, String> c = config(name, "gap");
        c.put("sparkplug.rebirth.enabled", "true");
        startConnector(name, c);
        int afterBirths = 2 + 2 * 33;
        try (SparkplugEdgeNode edge = edgeNode("gap", "e1", 0); TopicTail tail = new TopicTail(harness, name)) {
            edge.birth();
            for (int i = 0; i < 300; i++) {  // past 255: the sequence wraps to 0 without a gap
                edge.data(i % 2, 10_000L + i, i, i, i);
            }
            Await.until("300 data messages", TIMEOUT, () -> tail.poll().size() >= afterBirths + 300 * 3,
                () -> tail.poll().size());
            assertEquals(0L, metric(name, "SparkplugSequenceGaps"));
            edge.skipSequenceNumber();
            edge.data(0, 20_000L, 99.0, 9f, 9);
            Await.until("a rebirth answered", TIMEOUT, () -> edge.rebirths() == 1, edge::rebirths);
            assertEquals(1L, metric(name, "SparkplugSequenceGaps"));
            assertEquals(1L, metric(name, "SparkplugRebirthRequests"));
            try (TopicTail states = new TopicTail(harness, name + "-state")) {
                Await.until("the second NBIRTH's ONLINE", TIMEOUT, () -> json(states.poll()).stream()
                    .filter(r -> "NBIRTH".equals(r.path("message_type").asText())).count() == 2,
                    () -> states.poll().size());
            }
            Await.until("the data after the gap and the new births", TIMEOUT,
                () -> tail.poll().size() >= 2 * afterBirths + 300 * 3 + 3, () -> tail.poll().size());
            List<JsonNode> records = json(tail.poll());
            assertEquals(99.0, records.stream().filter(r -> r.path("timestamp").asLong() == 20_000L)
                .filter(r -> "temperature".equals(r.path("metric").asText())).findFirst().orElseThrow()
                .path("value").asDouble(), "the message after the gap is still decoded");
            assertEquals(299.0, records.stream().filter(r -> r.path("timestamp").asLong() == 10_299L)
                .filter(r -> "temperature".equals(r.path("metric").asText())).findFirst().orElseThrow()
                .path("value").asDouble(), "the last message before the gap, past the wrap, is named");
        }
    }

    @Test
    void deathsAndHostStateBecomeStateRecords() throws Exception {
        String name = name("state");
        startConnector(name, config(name, "state"));
        Map<String, String> host = config(name + "-host", "none");
        host.put("mqtt.topic.filters", "spBv1.0/STATE/+");
        startConnector(name + "-host", host);
        try (SparkplugEdgeNode edge = edgeNode("state", "e1", 7)) {
            edge.birth();
            edge.deviceDeath(1);
            edge.nodeDeath();
        }
        try (TestPublisher publisher = TestPublisher.connect(uri)) {
            publisher.publish("spBv1.0/STATE/scada-1", "{\"online\":true,\"timestamp\":1700000000000}", 1);
        }
        List<JsonNode> states = await(name + "-state", 5);
        List<String> seen = states.stream().map(s -> s.path("message_type").asText() + ":"
            + s.path("device").asText("") + ":" + s.path("host_id").asText("") + ":" + s.path("state").asText())
            .toList();
        assertTrue(seen.containsAll(List.of("NBIRTH:::ONLINE", "DBIRTH:d0::ONLINE", "DBIRTH:d1::ONLINE",
            "DDEATH:d1::OFFLINE", "NDEATH:::OFFLINE")), seen.toString());
        assertEquals(7, states.stream().filter(s -> "NDEATH".equals(s.path("message_type").asText()))
            .findFirst().orElseThrow().path("bd_seq").asLong());
        List<JsonNode> hosts = await(name + "-host-state", 1);
        assertEquals("scada-1", hosts.get(0).path("host_id").asText());
        assertEquals("ONLINE", hosts.get(0).path("state").asText());
        assertEquals(1_700_000_000_000L, hosts.get(0).path("timestamp").asLong());
        String text = new String(JSON.writeValueAsBytes(states), StandardCharsets.UTF_8);
        assertTrue(text.contains("e1"), text);
    }
}
