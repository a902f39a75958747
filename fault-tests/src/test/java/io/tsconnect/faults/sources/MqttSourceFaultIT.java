package io.tsconnect.faults.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.faults.FaultCluster;
import io.tsconnect.faults.Teardown;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;

/**
 * The MQTT source at QoS 1 with persistent sessions, three tasks spread over a 3-worker cluster, and a publisher
 * streaming numbered messages the whole time, through four faults in a row:
 * <ol>
 *   <li>the worker in its own JVM that runs a task is killed with SIGKILL (no task stop, no MQTT DISCONNECT, no
 *       offset flush: what a crashed machine does);</li>
 *   <li>an embedded worker running a task is removed (graceful shutdown);</li>
 *   <li>the Kafka broker is stopped for a few seconds and restarted on the same port;</li>
 *   <li>mosquitto (persistence on, unlimited queues) is restarted.</li>
 * </ol>
 * Then every published number must be in Kafka; duplicates are counted and printed, never asserted away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttSourceFaultIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String NAME = "mqtt-faults";
    private static final String TOPIC = "faults-mqtt";
    private static final List<String> MQTT_TOPICS = List.of("fault/a", "fault/b", "fault/c");

    private MosquittoBroker mosquitto;
    private FaultCluster cluster;
    private ConnectHarness harness;

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed");
        mosquitto = MosquittoBroker.builder().start();
        cluster = FaultCluster.start("mqtt-faults", "mqtt-source-connector", Map.of());
        harness = cluster.harness();
    }

    @AfterAll
    void stop() throws Exception {
        Teardown.closeAll(cluster, mosquitto);
    }

    @Test
    void losesNothingThroughWorkerCrashWorkerRemovalKafkaRestartAndBrokerRestart() throws Exception {
        long started = System.nanoTime();
        harness.startConnector(NAME, config(), 3);
        cluster.awaitOneTaskPerWorker(NAME, TIMEOUT);

        try (DeliveryLedger ledger = DeliveryLedger.byValue(harness, TOPIC);
             SequencePublisher publisher = new SequencePublisher(mosquitto.uri(), MQTT_TOPICS)) {
            awaitFlowing(ledger, publisher, "before the faults");

            String killed = cluster.killProcessWorker();
            awaitTasksRunningWithout(killed);
            awaitFlowing(ledger, publisher, "after SIGKILL of the process worker");

            String leavingId = cluster.removeEmbeddedWorkerRunningATask(NAME);
            awaitTasksRunningWithout(leavingId);
            awaitFlowing(ledger, publisher, "after removing worker " + leavingId);

            cluster.restartKafkaBroker(Duration.ofSeconds(4));
            awaitTasksRunningWithout(leavingId);
            awaitFlowing(ledger, publisher, "after the Kafka broker restart");

            mosquitto.restart();
            awaitFlowing(ledger, publisher, "after the MQTT broker restart");

            int published = publisher.stop();
            List<String> expected = IntStream.range(0, published).mapToObj(SequencePublisher::payload).toList();
            ledger.awaitAll(expected, TIMEOUT, () -> harness.describe(NAME));
            Thread.sleep(1000);
            ledger.poll();
            System.out.printf("FAULTS mqtt: published %d, in kafka %d distinct, duplicates %d (%d records; "
                + "copies per message %s; publisher retries %d; %d s)%n", published, ledger.distinct(),
                ledger.duplicates(), ledger.records(), ledger.multiplicity(), publisher.retries(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
            assertEquals(List.of(), ledger.missing(expected));
            assertEquals(published, ledger.distinct(), "nothing but the published numbers");
        }
    }

    private Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.tsconnect.mqtt.MqttSourceConnector");
        c.put("tasks.max", "3");
        c.put("mqtt.server.uris", mosquitto.uri());
        c.put("mqtt.client.id.prefix", NAME);
        // Three filters: without a shared group each task owns one, so the tasks spread over the workers.
        c.put("mqtt.topic.filters", MQTT_TOPICS.stream().map(t -> t + "/#").collect(Collectors.joining(",")));
        c.put("mqtt.qos", "1");
        c.put("mqtt.clean.start", "false");
        c.put("kafka.topic", TOPIC);
        c.put("value.format", "bytes");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        // Reconnect quickly once mosquitto is back.
        c.put("retry.backoff.max.ms", "2000");
        return c;
    }

    /** Waits until every MQTT topic of the stream has delivered something new since now. */
    private void awaitFlowing(DeliveryLedger ledger, SequencePublisher publisher, String when) {
        int mark = publisher.published() + 3 * MQTT_TOPICS.size();
        List<String> next = IntStream.range(mark, mark + MQTT_TOPICS.size()).mapToObj(SequencePublisher::payload)
            .toList();
        Await.until("records flowing " + when, TIMEOUT, () -> ledger.poll().missing(next).isEmpty(),
            () -> "published " + publisher.published() + ", distinct " + ledger.distinct() + "; "
                + harness.describe(NAME));
        System.out.printf("FAULTS mqtt: flowing %s: published %d, in kafka %d distinct%n", when,
            publisher.published(), ledger.distinct());
    }

    private void awaitTasksRunningWithout(String workerId) {
        cluster.awaitTasksRunning("worker " + workerId + " left", workerId, 3, TIMEOUT, NAME);
    }
}
