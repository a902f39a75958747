package io.tsconnect.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.mqtt.TestPki;

/**
 * What the MQTT source must do against every broker, run on a real Connect cluster that loads the packaged plugin.
 * Subclasses start a broker requiring {@link MqttBrokerUnderTest#USER}/{@link MqttBrokerUnderTest#PASSWORD}, with
 * a mutual-TLS listener signed by {@link #pki}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MqttSourceContract {
    protected static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    protected ConnectHarness harness;
    protected MqttBrokerUnderTest broker;
    protected TestPki pki;
    private final List<String> connectors = new ArrayList<>();

    /** Starts the broker under test. */
    protected abstract MqttBrokerUnderTest startBroker(TestPki pki) throws Exception;

    /** The mqtt.tls.* settings that trust the broker and present the client certificate. */
    protected abstract Map<String, String> tlsSettings(TestPki pki);

    @BeforeAll
    void startServices() throws Exception {
        pki = TestPki.create();
        broker = startBroker(pki);
        harness = ConnectHarness.builder().plugins("mqtt-source-connector").workers(1).start();
    }

    @AfterAll
    void stopServices() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void deleteConnectors() {
        connectors.forEach(name -> harness.connect().deleteConnector(name));
        connectors.clear();
    }

    /** A config with credentials and converters; the prefix keeps client ids apart between tests. */
    protected Map<String, String> config(String name, String filters, String kafkaTopic) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.tsconnect.mqtt.MqttSourceConnector");
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", broker.uri());
        c.put("mqtt.username", MqttBrokerUnderTest.USER);
        c.put("mqtt.password", MqttBrokerUnderTest.PASSWORD);
        c.put("mqtt.client.id.prefix", name);
        c.put("mqtt.topic.filters", filters);
        c.put("kafka.topic", kafkaTopic);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        return c;
    }

    /** Starts a connector and waits until every task has its subscriptions acknowledged by the broker. */
    protected void start(String name, Map<String, String> config, int tasks) {
        connectors.add(name);
        harness.startConnector(name, config, tasks);
        Await.until(name + " subscribed", TIMEOUT, () -> {
            for (int t = 0; t < tasks; t++) {
                if (!Boolean.TRUE.equals(metric(name, t, "Subscribed"))) {
                    return false;
                }
            }
            return true;
        }, () -> harness.describe(name));
    }

    protected static Object metric(String connector, int task, String attribute) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("kafka.connect.tsconnect:type=mqtt-source-task,connector="
            + ObjectName.quote(connector) + ",task=" + task);
        return server.isRegistered(name) ? server.getAttribute(name, attribute) : null;
    }

    /** Each task's Received / Acknowledged / InFlight / Queued metrics, for a failure message. */
    private static String taskCounts(String connector, int tasks) throws Exception {
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < tasks; t++) {
            out.append(String.format("task %d received %s, acknowledged %s, in flight %s, queued %s; ", t,
                metric(connector, t, "Received"), metric(connector, t, "Acknowledged"),
                metric(connector, t, "InFlight"), metric(connector, t, "Queued")));
        }
        return out.toString();
    }

    protected TestPublisher publisher() {
        return TestPublisher.connect(broker.uri(), MqttBrokerUnderTest.USER, MqttBrokerUnderTest.PASSWORD);
    }

    protected String topic(String suffix) {
        return broker.name() + "-" + suffix;
    }

    @Test
    void deliversQos0Qos1AndQos2WithHeadersAndAcknowledgesAfterKafka() throws Exception {
        String name = topic("qos");
        start(name, config(name, "qos/0;qos=0,qos/1;qos=1,qos/2;qos=2", broker.name() + "-qos-${2}"), 1);
        try (TestPublisher publisher = publisher()) {
            for (int qos = 0; qos <= 2; qos++) {
                publisher.publishMany("qos/" + qos, "m" + qos, 200, qos);
            }
        }
        for (int qos = 0; qos <= 2; qos++) {
            try (TopicTail tail = new TopicTail(harness, topic("qos-" + qos))) {
                List<ConsumerRecord<byte[], byte[]>> records = tail.awaitDistinct(200, TIMEOUT);
                ConsumerRecord<byte[], byte[]> first = records.get(0);
                assertEquals("qos/" + qos, TopicTail.text(first.key()));
                assertEquals("m" + qos + "-0", TopicTail.text(first.value()));
                assertEquals(String.valueOf(qos), header(first, "mqtt.qos"));
                if (qos > 0) {
                    assertEquals(200, records.size(), "no duplicates without failures at QoS " + qos);
                }
            }
        }
        Await.until("every message acknowledged", TIMEOUT,
            () -> ((Long) metric(name, 0, "Acknowledged")) >= 600 && (Long) metric(name, 0, "InFlight") == 0,
            () -> "received " + safeMetric(name, "Received") + ", acknowledged " + safeMetric(name, "Acknowledged"));
    }

    @Test
    void wildcardsAndOrderedRoutesChooseTheKafkaTopic() {
        String name = topic("routes");
        Map<String, String> c = config(name, "site/+/temp,site/+/alarm/#,misc/#", topic("other"));
        c.put("kafka.topic.routes", "site/+/temp=" + topic("temps") + ",site/+/alarm/#=" + topic("alarms-${2}"));
        start(name, c, 1);
        try (TestPublisher publisher = publisher()) {
            publisher.publish("site/a/temp", "t1", 1);
            publisher.publish("site/b/alarm/fire/kitchen", "a1", 1);
            publisher.publish("misc/x/y", "o1", 1);
            publisher.publish("site/a/humidity", "not-subscribed", 1);
        }
        assertEquals(Set.of("t1"), values(topic("temps"), 1));
        assertEquals(Set.of("a1"), values(topic("alarms-b"), 1));
        assertEquals(Set.of("o1"), values(topic("other"), 1));
    }

    @Test
    void jsonBecomesAStructAndUserPropertiesBecomeHeaders() throws Exception {
        String name = topic("json");
        Map<String, String> c = config(name, "json/#", topic("json"));
        c.put("value.format", "json");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "true");
        start(name, c, 1);
        try (TestPublisher publisher = publisher()) {
            publisher.publishAsync("json/d1", "{\"metric\":\"temp\",\"value\":20.5,\"n\":3}"
                .getBytes(StandardCharsets.UTF_8), 1, Map.of("site", "north", "unit", "C")).get(30, TimeUnit.SECONDS);
        }
        try (TopicTail tail = new TopicTail(harness, topic("json"))) {
            ConsumerRecord<byte[], byte[]> record = tail.await(1, TIMEOUT).get(0);
            JsonNode envelope = JSON.readTree(record.value());
            assertEquals("struct", envelope.at("/schema/type").asText());
            assertEquals("double", envelope.at("/schema/fields/1/type").asText());
            assertEquals(20.5, envelope.at("/payload/value").asDouble());
            assertEquals(3, envelope.at("/payload/n").asInt());
            assertEquals("north", header(record, "site"));
            assertEquals("C", header(record, "unit"));
            assertEquals("json/d1", header(record, "mqtt.topic"));
        }
    }

    @Test
    void wrongPasswordIsReportedAtValidationAndFailsTheTaskClearly() {
        String name = topic("badpass");
        Map<String, String> c = config(name, "x/#", topic("badpass"));
        c.put("mqtt.password", "wrong");
        Map<String, List<String>> errors = harness.validationErrors("io.tsconnect.mqtt.MqttSourceConnector", c);
        assertTrue(String.valueOf(errors.get("mqtt.password")).contains("BAD_USER_NAME_OR_PASSWORD")
            || String.valueOf(errors.get("mqtt.password")).contains("NOT_AUTHORIZED"), errors.toString());
        c.put("mqtt.validate.connection", "false");
        connectors.add(name);
        harness.connect().configureConnector(name, c);
        String trace = harness.awaitTaskFailure(name);
        assertTrue(trace.contains("rejected the connection of client '" + name + "-0'")
            && trace.contains("check mqtt.username and mqtt.password"), trace);
    }

    @Test
    void brokerRestartMidStreamLosesNothingAtQos1() throws Exception {
        String name = topic("restart");
        start(name, config(name, "restart/#", topic("restart")), 1);
        int total = 3000;
        AtomicInteger published = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try (TestPublisher publisher = publisher()) {
                for (int i = 0; i < total; i++) {
                    publishWithRetry(publisher, "restart/r", "r-" + i, retries);
                    published.incrementAndGet();
                }
            }
        });
        Await.until("a third published", TIMEOUT, () -> published.get() > total / 3, published::get);
        broker.restart();
        try {
            publishing.get(3, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Publishing did not finish after the restart; broker log:\n"
                + broker.logTail(), e);
        }
        try (TopicTail tail = new TopicTail(harness, topic("restart"))) {
            List<ConsumerRecord<byte[], byte[]>> records = tail.awaitDistinct(total, TIMEOUT);
            Set<String> distinct = new HashSet<>();
            records.forEach(r -> distinct.add(TopicTail.text(r.value())));
            System.out.printf("[%s] broker restart: %d published (%d publish retries), %d records in Kafka, "
                + "%d distinct, %d duplicates, %d lost%n", broker.name(), total, retries.get(), records.size(),
                distinct.size(), records.size() - distinct.size(), total - distinct.size());
            for (int i = 0; i < total; i++) {
                assertTrue(distinct.contains("r-" + i), "lost r-" + i);
            }
        }
    }

    @Test
    void sharedSubscriptionDeliversEachMessageToOneOfTwoTasks() throws Exception {
        String name = topic("shared");
        Map<String, String> c = config(name, "shared/#", topic("shared"));
        c.put("tasks.max", "2");
        c.put("mqtt.shared.subscription.group", name);
        start(name, c, 2);
        int total = 2000;
        List<CompletableFuture<?>> published = new ArrayList<>();
        try (TestPublisher publisher = publisher()) {
            for (int i = 0; i < total; i++) {
                published.add(publisher.publishAsync("shared/s" + (i % 10),
                    ("s-" + i).getBytes(StandardCharsets.UTF_8), 1, Map.of()));
            }
            publisher.publish("shared/last", "s-last", 1);
            // Every publish acknowledged by the broker: a shortfall below is then the group's, not the publisher's.
            CompletableFuture.allOf(published.toArray(new CompletableFuture<?>[0])).join();
        }
        try (TopicTail tail = new TopicTail(harness, topic("shared"))) {
            List<ConsumerRecord<byte[], byte[]>> records;
            try {
                records = tail.awaitDistinct(total + 1, TIMEOUT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; " + taskCounts(name, 2), e);
            }
            assertEquals(total + 1, records.size(), "each message once");
        }
        long task0 = (Long) metric(name, 0, "Received");
        long task1 = (Long) metric(name, 1, "Received");
        System.out.printf("[%s] shared subscription: task 0 received %d, task 1 received %d%n", broker.name(),
            task0, task1);
        // How the broker spreads the group is its choice (HiveMQ CE may give a keeping-up member everything):
        // what the connector guarantees is one delivery per message across the group.
        assertEquals(total + 1, task0 + task1);
    }

    @Test
    void unparseablePayloadsGoToTheErrorsTopicWhenTolerated() {
        String name = topic("parse");
        Map<String, String> c = config(name, "parse/#", topic("parsed"));
        c.put("value.format", "json_map");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        c.put("errors.tolerance", "all");
        c.put("value.parse.errors.topic", topic("parse-errors"));
        start(name, c, 1);
        try (TestPublisher publisher = publisher()) {
            publisher.publish("parse/a", "{\"v\":1}", 1);
            publisher.publish("parse/b", "{broken", 1);
            publisher.publish("parse/c", "{\"v\":3}", 1);
        }
        assertEquals(Set.of("{\"v\":1}", "{\"v\":3}"), values(topic("parsed"), 2));
        try (TopicTail tail = new TopicTail(harness, topic("parse-errors"))) {
            ConsumerRecord<byte[], byte[]> error = tail.await(1, TIMEOUT).get(0);
            assertEquals("parse/b", TopicTail.text(error.key()));
            assertTrue(header(error, "mqtt.error").contains("not valid JSON"), header(error, "mqtt.error"));
        }
    }

    @Test
    void mqtt311Works() {
        String name = topic("v311");
        Map<String, String> c = config(name, "v311/#", topic("v311"));
        c.put("mqtt.version", "3.1.1");
        start(name, c, 1);
        try (TestPublisher publisher = publisher()) {
            publisher.publishMany("v311/a", "v", 50, 1);
        }
        assertEquals(50, values(topic("v311"), 50).size());
    }

    @Test
    void mutualTlsWithATestCa() {
        String name = topic("tls");
        Map<String, String> c = config(name, "tls/#", topic("tls"));
        c.put("mqtt.server.uris", broker.tlsUri());
        c.putAll(tlsSettings(pki));
        start(name, c, 1);
        try (TestPublisher publisher = publisher()) {
            publisher.publish("tls/a", "secure", 1);
        }
        assertEquals(Set.of("secure"), values(topic("tls"), 1));

        Map<String, String> untrusted = new HashMap<>(c);
        untrusted.remove("mqtt.tls.truststore.path");
        Map<String, List<String>> errors = harness.validationErrors("io.tsconnect.mqtt.MqttSourceConnector",
            untrusted);
        assertTrue(String.valueOf(errors.get("mqtt.server.uris")).contains("TLS handshake"), errors.toString());
    }

    @Test
    void sampleConfigValidatesAndDeliversJsonMaps() throws Exception {
        Map<String, String> overrides = Map.of("mqtt.server.uris", broker.uri(), "mqtt.username",
            MqttBrokerUnderTest.USER, "mqtt.password", MqttBrokerUnderTest.PASSWORD, "kafka.topic",
            topic("device-readings"), "mqtt.client.id.prefix", topic("sample"));
        var file = io.tsconnect.testsupport.ConnectorConfigs.load("mqtt-source.json").with(overrides);
        String name = file.name() + "-" + broker.name();
        Map<String, String> named = new HashMap<>(file.config());
        named.put("name", name);
        assertEquals(Map.of(), harness.validationErrors(file.config().get("connector.class"), named));
        start(name, file.config(), 1);
        try (TestPublisher publisher = publisher()) {
            publisher.publish("devices/2/3/temp",
                "{\"metric\":\"temp\",\"location\":\"3\",\"device\":\"2\",\"value\":20.4,\"timestamp\":1700000000000}",
                1);
        }
        try (TopicTail tail = new TopicTail(harness, topic("device-readings"))) {
            ConsumerRecord<byte[], byte[]> record = tail.await(1, TIMEOUT).get(0);
            assertEquals("devices/2/3/temp", TopicTail.text(record.key()));
            assertEquals(Map.of("metric", "temp", "location", "3", "device", "2", "value", 20.4, "timestamp",
                1700000000000L), JSON.readValue(record.value(), Map.class));
        }
    }

    private static void publishWithRetry(TestPublisher publisher, String topic, String payload,
                                         AtomicInteger retries) {
        while (true) {
            try {
                publisher.publishAsync(topic, payload.getBytes(StandardCharsets.UTF_8), 1, Map.of())
                    .get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                retries.incrementAndGet();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
        }
    }

    protected Set<String> values(String kafkaTopic, int n) {
        try (TopicTail tail = new TopicTail(harness, kafkaTopic)) {
            return tail.awaitDistinct(n, TIMEOUT).stream().map(r -> TopicTail.text(r.value()))
                .collect(java.util.stream.Collectors.toSet());
        }
    }

    protected static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String safeMetric(String connector, String attribute) {
        try {
            return String.valueOf(metric(connector, 0, attribute));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
