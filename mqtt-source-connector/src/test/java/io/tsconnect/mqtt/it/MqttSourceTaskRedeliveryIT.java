package io.tsconnect.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.tsconnect.mqtt.MqttSourceTask;
import io.tsconnect.mqtt.config.MqttSourceTaskConfig;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.mqtt.HiveMqBroker;

/**
 * The task on its own against real brokers: messages polled but never committed to Kafka (a worker that died before
 * Kafka acknowledged them) come back to the next incarnation of the task, because the broker keeps them
 * unacknowledged in the persistent session; messages whose record was committed do not.
 */
class MqttSourceTaskRedeliveryIT {
    private static final int COUNT = 30;

    @Test
    void mosquittoRedeliversWhatWasNotCommitted() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed");
        try (MosquittoBroker broker = MosquittoBroker.builder().start()) {
            redeliversOnlyUncommitted(broker.uri(), "mosquitto");
        }
    }

    @Test
    void hiveMqRedeliversWhatWasNotCommitted() throws Exception {
        try (HiveMqBroker broker = HiveMqBroker.start()) {
            redeliversOnlyUncommitted(broker.uri(), "hivemq");
        }
    }

    private static void redeliversOnlyUncommitted(String uri, String name) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("name", "redeliver-" + name);
        props.put("mqtt.server.uris", uri);
        props.put("mqtt.topic.filters", "redeliver/#");
        props.put("kafka.topic", "t");
        props.put("value.format", "string");
        props.put(MqttSourceTaskConfig.TASK_SUBSCRIPTIONS_CONFIG, "redeliver/#;qos=1");
        props.put(MqttSourceTaskConfig.TASK_CLIENT_ID_CONFIG, "redeliver-" + name + "-0");

        MqttSourceTask first = start(props);
        try (TestPublisher publisher = TestPublisher.connect(uri)) {
            publisher.publishMany("redeliver/a", "m", COUNT, 1);
        }
        // Without commits the broker stops at its in-flight window: back-pressure, not loss.
        List<SourceRecord> polled = pollUntilQuiet(first, null);
        first.stop(); // "crash": nothing was committed, nothing acknowledged
        System.out.printf("[%s] in-flight window without acknowledgements: %d of %d messages%n", name,
            polled.size(), COUNT);
        assertTrue(!polled.isEmpty() && polled.size() <= COUNT);

        MqttSourceTask second = start(props);
        List<SourceRecord> again = pollUntilQuiet(second, second);
        second.stop();
        Set<String> redelivered = values(again);
        assertTrue(redelivered.containsAll(values(polled)), "every uncommitted message is redelivered");
        assertEquals(COUNT, redelivered.size(), "and the rest follows once records are committed");

        MqttSourceTask third = start(props);
        try {
            List<SourceRecord> extra = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end) {
                List<SourceRecord> batch = third.poll();
                if (batch != null) {
                    extra.addAll(batch);
                }
            }
            assertTrue(extra.isEmpty(), "committed messages are not redelivered: " + values(extra));
        } finally {
            third.stop();
        }
    }

    private static MqttSourceTask start(Map<String, String> props) throws Exception {
        MqttSourceTask task = new MqttSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return null;
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> ps) {
                        return Map.of();
                    }
                };
            }
        });
        task.start(props);
        Await.until("task subscribed", Duration.ofSeconds(30),
            () -> Boolean.TRUE.equals(MqttSourceContract.metric(props.get("name"), 0, "Subscribed")));
        return task;
    }

    /** Polls until nothing arrives for 3 s; commits each record when {@code committer} is given. */
    private static List<SourceRecord> pollUntilQuiet(MqttSourceTask task, MqttSourceTask committer)
        throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos() && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null && !batch.isEmpty()) {
                records.addAll(batch);
                quietSince = System.nanoTime();
                if (committer != null) {
                    batch.forEach(r -> committer.commitRecord(r, null));
                }
            }
        }
        return records;
    }

    private static Set<String> values(List<SourceRecord> records) {
        Set<String> values = new TreeSet<>();
        records.forEach(r -> values.add(String.valueOf(r.value())));
        return values;
    }

}
