package io.tsconnect.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.mqtt.HiveMqBroker;

/**
 * A 3-worker Connect cluster loses the worker running the MQTT task while messages stream in at QoS 1: the task
 * moves to another worker, resumes the same persistent session, and nothing published is missing from Kafka.
 * Duplicates (messages read but not yet acknowledged when the worker left) are counted and printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttSourceWorkerFailoverIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int TOTAL = 4000;

    private ConnectHarness harness;
    private MosquittoBroker mosquitto;
    private HiveMqBroker hivemq;

    @BeforeAll
    void start() {
        // Reassign a departed worker's tasks after 2 s instead of waiting 5 minutes for it to come back.
        harness = ConnectHarness.builder().plugins("mqtt-source-connector").workers(3)
            .workerProp("scheduled.rebalance.max.delay.ms", "2000").start();
    }

    @AfterAll
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (hivemq != null) {
            hivemq.close();
        }
    }

    @Test
    void mosquittoLosesNothingWhenTheTasksWorkerLeaves() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed");
        mosquitto = MosquittoBroker.builder().start();
        runFailover("mosquitto", mosquitto.uri());
    }

    @Test
    void hiveMqLosesNothingWhenTheTasksWorkerLeaves() throws Exception {
        hivemq = HiveMqBroker.start();
        runFailover("hivemq", hivemq.uri());
    }

    private void runFailover(String broker, String uri) throws Exception {
        while (harness.connect().workers().size() < 3) {
            harness.connect().addWorker();
        }
        String name = "failover-" + broker;
        String topic = name;
        harness.startConnector(name, Map.of(
            "connector.class", "io.tsconnect.mqtt.MqttSourceConnector",
            "tasks.max", "1",
            "mqtt.server.uris", uri,
            "mqtt.topic.filters", "failover/#",
            "mqtt.qos", "1",
            "kafka.topic", topic,
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"), 1);
        Await.until(name + " subscribed", TIMEOUT,
            () -> Boolean.TRUE.equals(MqttSourceContract.metric(name, 0, "Subscribed")), () -> harness.describe(name));

        AtomicInteger published = new AtomicInteger();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try (TestPublisher publisher = TestPublisher.connect(uri)) {
                for (int i = 0; i < TOTAL; i++) {
                    publisher.publishAsync("failover/d" + (i % 7), ("f-" + i).getBytes(StandardCharsets.UTF_8), 1,
                        Map.of()).get(30, TimeUnit.SECONDS);
                    published.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("a third published", TIMEOUT, () -> published.get() > TOTAL / 3, published::get);

        String before = workerOfTask(name);
        WorkerHandle leaving = harness.connect().workers().stream()
            .filter(w -> before.endsWith(":" + w.url().getPort())).findFirst().orElseThrow();
        harness.connect().removeWorker(leaving);
        Await.until("task running on another worker", TIMEOUT,
            () -> harness.runningTasks(name) == 1 && !workerOfTask(name).equals(before), () -> harness.describe(name));
        assertNotEquals(before, workerOfTask(name));
        publishing.get(3, TimeUnit.MINUTES);

        try (TopicTail tail = new TopicTail(harness, topic)) {
            List<ConsumerRecord<byte[], byte[]>> records = tail.awaitDistinct(TOTAL, TIMEOUT);
            Set<String> distinct = new HashSet<>();
            records.forEach(r -> distinct.add(TopicTail.text(r.value())));
            System.out.printf("[%s] worker %s left mid-stream: %d published at QoS 1, %d records in Kafka, "
                + "%d distinct, %d duplicates, %d lost%n", broker, before, TOTAL, records.size(), distinct.size(),
                records.size() - distinct.size(), TOTAL - distinct.size());
            for (int i = 0; i < TOTAL; i++) {
                assertTrue(distinct.contains("f-" + i), "lost f-" + i);
            }
        }
        harness.connect().deleteConnector(name);
    }

    private String workerOfTask(String name) {
        return harness.connect().connectorStatus(name).tasks().get(0).workerId();
    }
}
