package io.tsconnect.mqtt.sink.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;

/**
 * What the MQTT sink must do against every broker, on a real Connect cluster that loads the packaged plugin:
 * records produced to Kafka reach a plain MQTT subscriber with the expected topics, payloads, QoS, retain and MQTT 5
 * properties; a broker outage mid-stream loses nothing and commits nothing early; bad records go to the DLQ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MqttSinkContract {
    protected static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String CONNECTOR = "io.tsconnect.mqtt.MqttSinkConnector";

    protected ConnectHarness harness;
    protected MqttBrokerUnderTest broker;
    private KafkaProducer<byte[], byte[]> producer;
    private final List<String> connectors = new ArrayList<>();

    /** Starts the broker under test, requiring {@link MqttBrokerUnderTest#USER}. */
    protected abstract MqttBrokerUnderTest startBroker() throws Exception;

    @BeforeAll
    void startServices() throws Exception {
        broker = startBroker();
        harness = ConnectHarness.builder().plugins("mqtt-sink-connector").workers(1).start();
        producer = harness.kafka().createProducer(Map.of());
    }

    @AfterAll
    void stopServices() throws Exception {
        if (producer != null) {
            producer.close();
        }
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

    protected String name(String suffix) {
        return broker.name() + "-" + suffix;
    }

    /** A config reading schemaless JSON from {@code topic}, with credentials. */
    protected Map<String, String> config(String name, String topic) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", CONNECTOR);
        c.put("tasks.max", "1");
        c.put("topics", topic);
        c.put("mqtt.server.uris", broker.uri());
        c.put("mqtt.username", MqttBrokerUnderTest.USER);
        c.put("mqtt.password", MqttBrokerUnderTest.PASSWORD);
        c.put("mqtt.client.id.prefix", name);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        c.put("retry.backoff.initial.ms", "200");
        c.put("retry.backoff.max.ms", "1000");
        c.put("consumer.override.auto.offset.reset", "earliest");
        return c;
    }

    protected void start(String name, Map<String, String> config) {
        connectors.add(name);
        harness.startConnector(name, config, 1);
    }

    protected Subscriber subscribe(String clientId, String filter, boolean persistent) {
        return Subscriber.connect(broker.uri(), MqttBrokerUnderTest.USER, MqttBrokerUnderTest.PASSWORD, clientId,
            filter, persistent);
    }

    protected void produce(String topic, String key, String json, String... headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
            key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(new RecordHeader(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        producer.send(record);
    }

    protected static Object metric(String connector, String attribute) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("kafka.connect.tsconnect:type=mqtt-sink-task,connector="
            + ObjectName.quote(connector) + ",task=0");
        return server.isRegistered(name) ? server.getAttribute(name, attribute) : null;
    }

    @Test
    void recordsArriveWithTheirTopicsPayloadsQosRetainAndMqtt5Properties() throws Exception {
        String name = name("roundtrip");
        String topic = name("readings");
        Map<String, String> c = config(name, topic);
        c.put("mqtt.topic", "rt/${location}/${device}");
        c.put("mqtt.qos.field", "header.qos");
        c.put("mqtt.retain.field", "keep");
        c.put("mqtt.user.properties.headers", "site");
        try (Subscriber subscriber = subscribe(name + "-sub", "rt/#", false)) {
            start(name, c);
            produce(topic, "k0", "{\"location\":\"hall\",\"device\":\"t-0\",\"value\":20.5}", "qos", "0");
            produce(topic, "k1", "{\"location\":\"hall\",\"device\":\"t-1\",\"value\":21.5}", "qos", "1",
                "mqtt.content.type", "application/json", "mqtt.response.topic", "replies/t-1",
                "mqtt.correlation.data", "req-42", "site", "north", "mqtt.message.expiry.interval", "600");
            produce(topic, "k2", "{\"location\":\"lab\",\"device\":\"t-2\",\"value\":22.5,\"keep\":true}",
                "qos", "2");
            Await.until("3 messages", TIMEOUT, () -> subscriber.received().size() >= 3, subscriber::payloads);

            Map<String, Mqtt5Publish> byTopic = new HashMap<>();
            subscriber.received().forEach(p -> byTopic.put(p.getTopic().toString(), p));
            assertEquals(Set.of("rt/hall/t-0", "rt/hall/t-1", "rt/lab/t-2"), byTopic.keySet());
            Mqtt5Publish first = byTopic.get("rt/hall/t-0");
            assertEquals("{\"location\":\"hall\",\"device\":\"t-0\",\"value\":20.5}",
                new String(first.getPayloadAsBytes(), StandardCharsets.UTF_8));
            assertEquals(MqttQos.AT_MOST_ONCE, first.getQos());
            Mqtt5Publish second = byTopic.get("rt/hall/t-1");
            assertEquals(MqttQos.AT_LEAST_ONCE, second.getQos());
            assertEquals("application/json", second.getContentType().map(Object::toString).orElse(null));
            assertEquals("replies/t-1", second.getResponseTopic().map(Object::toString).orElse(null));
            assertArrayEquals("req-42".getBytes(StandardCharsets.UTF_8),
                second.getCorrelationData().map(b -> { byte[] a = new byte[b.remaining()]; b.duplicate().get(a);
                    return a; }).orElse(null));
            assertEquals("north", second.getUserProperties().asList().stream()
                .filter(p -> p.getName().toString().equals("site")).map(p -> p.getValue().toString())
                .findFirst().orElse(null));
            assertTrue(second.getMessageExpiryInterval().isPresent(), "message expiry set from the header");
            assertEquals(MqttQos.EXACTLY_ONCE, byTopic.get("rt/lab/t-2").getQos());
        }
        // Only the record with keep=true was retained: a later subscriber gets it, flagged as retained.
        try (Subscriber late = subscribe(name + "-late", "rt/#", false)) {
            Await.until("the retained message", TIMEOUT, () -> !late.received().isEmpty(), late::payloads);
            Thread.sleep(500);
            assertEquals(List.of("rt/lab/t-2"), late.received().stream().map(p -> p.getTopic().toString()).toList());
            assertTrue(late.received().get(0).isRetain());
        }
        Await.until("offsets committed past all 3 records", TIMEOUT, () -> harness.committedOffset(name, topic) == 3);
        assertEquals(Math.min(1000, broker.receiveMaximum()), metric(name, "InFlightLimit"),
            "the broker's Receive Maximum bounds the window");
    }

    @Test
    void mqtt311AndEveryOtherTransportOfTheBrokerDeliver() throws Exception {
        Map<String, Map<String, String>> addresses = new LinkedHashMap<>();
        addresses.put(broker.uri(), Map.of("mqtt.version", "3.1.1"));
        addresses.putAll(broker.otherTransports());
        int i = 0;
        for (Map.Entry<String, Map<String, String>> address : addresses.entrySet()) {
            String scheme = address.getKey().substring(0, address.getKey().indexOf(':'));
            boolean mqtt311 = address.getValue().containsKey("mqtt.version");
            String label = mqtt311 ? "mqtt311" : scheme;
            String name = name("transport-" + i++);
            String topic = name("transport-" + label);
            Map<String, String> c = config(name, topic);
            c.put("mqtt.server.uris", address.getKey());
            c.putAll(address.getValue());
            c.put("mqtt.topic", label + "/${device}");
            c.put("mqtt.qos", "1");
            try (Subscriber subscriber = subscribe(name + "-sub", label + "/#", false)) {
                start(name, c);
                for (int n = 0; n < 50; n++) {
                    produce(topic, null, "{\"device\":\"d" + (n % 5) + "\",\"n\":" + n + "}",
                        "mqtt.content.type", "application/json");
                }
                Await.until("50 messages over " + address.getKey(), TIMEOUT,
                    () -> distinct(subscriber).size() == 50, subscriber::payloads);
                assertTrue(subscriber.received().stream().allMatch(p -> p.getTopic().toString()
                    .matches(label + "/d[0-4]")), subscriber.received().toString());
                // An MQTT 5 property makes it to the subscriber only when the sink really spoke MQTT 5.
                assertTrue(subscriber.received().stream().allMatch(p -> p.getContentType().isPresent() != mqtt311),
                    "content type present only over MQTT 5, over " + address.getKey());
                Await.until("offsets committed over " + address.getKey(), TIMEOUT,
                    () -> harness.committedOffset(name, topic) == 50);
            }
        }
        assertTrue(addresses.size() >= 2, "besides tcp, the broker serves another transport: " + addresses.keySet());
    }

    @Test
    void aTombstoneClearsTheRetainedMessageOfItsTopic() throws Exception {
        String name = name("clear");
        String topic = name("setpoints");
        Map<String, String> c = config(name, topic);
        c.put("mqtt.topic", "sp/${device}");
        c.put("mqtt.retain", "true");
        c.put("behavior.on.null.values", "clear_retained");
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("key.converter.schemas.enable", "false");
        start(name, c);
        produce(topic, "{\"device\":\"v-1\"}", "{\"device\":\"v-1\",\"target\":21}");
        produce(topic, "{\"device\":\"v-2\"}", "{\"device\":\"v-2\",\"target\":19}");
        produce(topic, "{\"device\":\"v-1\"}", null);
        Await.until("all 3 records committed", TIMEOUT, () -> harness.committedOffset(name, topic) == 3);
        try (Subscriber late = subscribe(name + "-late", "sp/#", false)) {
            Await.until("a retained message", TIMEOUT, () -> !late.received().isEmpty(), late::payloads);
            Thread.sleep(500);
            assertEquals(List.of("sp/v-2"), late.received().stream().map(p -> p.getTopic().toString()).toList(),
                "the tombstone of v-1 deleted its retained setpoint");
        }
    }

    @Test
    void aBrokerOutageMidStreamLosesNothingAndCommitsNothingEarly() throws Exception {
        String name = name("outage");
        String topic = name("stream");
        int n = 6000;
        Map<String, String> c = config(name, topic);
        c.put("mqtt.topic", "out/stream");
        c.put("payload.format", "field");
        c.put("payload.field", "n");
        c.put("mqtt.qos", "1");
        c.put("mqtt.connect.timeout.ms", "2000");
        // Small batches: Connect commits only offsets of batches put() returned from, so progress shows mid-stream.
        c.put("consumer.override.max.poll.records", "100");
        harness.kafka().createTopic(topic, 1);
        List<long[]> samples = new CopyOnWriteArrayList<>();
        AtomicBoolean down = new AtomicBoolean();
        try (Subscriber subscriber = subscribe(name + "-sub", "out/stream", true)) {
            start(name, c);
            // Records keep coming (about 1,000/s) before, during and after the outage, so it cuts a live stream.
            Thread feeder = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    produce(topic, null, "{\"n\":\"" + i + "\"}");
                    if (i % 10 == 9) {
                        producer.flush();
                        sleep(10);
                    }
                }
                producer.flush();
            }, "outage-feeder");
            feeder.start();
            Await.until("offsets committed mid-stream", TIMEOUT, () -> harness.committedOffset(name, topic) > 0);
            broker.stop();
            down.set(true);
            // While the broker is down, what the connector commits can only grow up to what it saw acknowledged.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (System.nanoTime() < deadline) {
                samples.add(new long[] {harness.committedOffset(name, topic), distinct(subscriber).size()});
                Thread.sleep(500);
            }
            broker.start();
            down.set(false);
            feeder.join(TIMEOUT.toMillis());
            Await.until("every record at the subscriber", TIMEOUT, () -> distinct(subscriber).size() == n,
                () -> distinct(subscriber).size() + " distinct of " + subscriber.received().size() + " received");
            Await.until("offsets committed past every record", TIMEOUT, () -> harness.committedOffset(name, topic) == n);
            Set<String> got = distinct(subscriber);
            for (int i = 0; i < n; i++) {
                assertTrue(got.contains(Integer.toString(i)), "record " + i + " never arrived");
            }
            long frozen = samples.get(samples.size() - 1)[0];
            assertTrue(frozen > 0 && samples.stream().allMatch(s -> s[0] <= frozen),
                "the committed offset never moved back: " + samples.stream().map(s -> s[0]).toList());
            assertTrue(frozen < n, "offsets of records the broker never acknowledged were not committed ("
                + frozen + " of " + n + ")");
            assertTrue(((Number) metric(name, "Retries")).longValue() >= 1, "the task retried while the broker was down");
            assertEquals("RUNNING", harness.connect().connectorStatus(name).tasks().get(0).state());
            System.out.printf("[%s] outage: committed offset frozen at %d of %d while the broker was down; "
                + "%d messages received for %d records (%d republished)%n", broker.name(), frozen, n,
                subscriber.received().size(), n, subscriber.received().size() - n);
        } finally {
            if (down.get()) {
                broker.start();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> distinct(Subscriber subscriber) {
        return new HashSet<>(subscriber.payloads());
    }

    @Test
    void badRecordsGoToTheDeadLetterQueueAndTheRestIsPublished() throws Exception {
        String name = name("dlq");
        String topic = name("commands");
        String dlq = name("commands-dlq");
        Map<String, String> c = config(name, topic);
        c.put("mqtt.topic", "cmd/${device}");
        c.put("payload.format", "field");
        c.put("payload.field", "command");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", dlq);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        try (Subscriber subscriber = subscribe(name + "-sub", "cmd/#", false)) {
            start(name, c);
            produce(topic, "good-1", "{\"device\":\"a\",\"command\":\"open\"}");
            produce(topic, "wildcard", "{\"device\":\"+\",\"command\":\"open\"}");
            produce(topic, "no-device", "{\"command\":\"open\"}");
            produce(topic, "no-command", "{\"device\":\"b\"}");
            produce(topic, "good-2", "{\"device\":\"c\",\"command\":\"close\"}");
            Await.until("2 commands", TIMEOUT, () -> subscriber.received().size() >= 2, subscriber::payloads);
            List<ConsumerRecord<byte[], byte[]>> dead = harness.consume(dlq, 3, TIMEOUT);
            Map<String, String> reasons = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                var h = r.headers().lastHeader("__connect.errors.exception.message");
                reasons.put(ConnectHarness.text(r.key()), h == null ? "" : new String(h.value(),
                    StandardCharsets.UTF_8));
            }
            assertEquals(Set.of("wildcard", "no-device", "no-command"), reasons.keySet());
            assertTrue(reasons.get("wildcard").contains("wildcard"), reasons.toString());
            assertTrue(reasons.get("no-device").contains("device"), reasons.toString());
            assertTrue(reasons.get("no-command").contains("command"), reasons.toString());
            Thread.sleep(500);
            assertEquals(List.of("cmd/a:open", "cmd/c:close"), subscriber.received().stream()
                .map(p -> p.getTopic() + ":" + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).toList());
            Await.until("offsets committed past all 5 records", TIMEOUT, () -> harness.committedOffset(name, topic) == 5);
            assertEquals(3L, metric(name, "ErrantRecords"));
            assertFalse(subscriber.received().stream().anyMatch(p -> p.getTopic().toString().contains("+")));
        }
    }
}
