package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ProcessWorker;
import io.tsconnect.testsupport.github.GithubReplayServer;

/**
 * Workers with {@code exactly.once.source.support=enabled} and a connector that requires exactly-once: when the
 * worker running a task is killed with SIGKILL (no graceful stop, no offset flush), a read_committed consumer
 * still sees every event exactly once, because records and offsets are committed in the same transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GithubEventsExactlyOnceIT {
    private static final List<String> STREAMS = List.of("repos/eos/a", "repos/eos/b");
    private static final String TOPIC = "gh-eos";
    private GithubReplayServer github;
    private ConnectHarness harness;
    private ProcessWorker processWorker;

    @BeforeAll
    void start() {
        github = GithubReplayServer.start().pollInterval(1);
        harness = ConnectHarness.builder().plugins("github-events-source-connector").workers(1)
            .workerProp("exactly.once.source.support", "enabled")
            // One broker: the transaction log must fit on it, or no transactional producer ever starts.
            .brokerProp("transaction.state.log.replication.factor", "1")
            .brokerProp("transaction.state.log.min.isr", "1")
            .start();
        processWorker = harness.startProcessWorker();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void everyEventExactlyOnceWhenTheWorkerRunningATaskIsKilled() throws Exception {
        List<String> ids = new ArrayList<>();
        STREAMS.forEach(s -> ids.addAll(github.stream(s).generate(60)));
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", GithubEventsSourceConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("exactly.once.support", "required");
        config.put("github.api.url", github.baseUrl());
        config.put("github.streams", String.join(",", STREAMS));
        config.put("github.poll.interval.min.ms", "200");
        config.put("topic", TOPIC);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        harness.startConnector("gh-eos", config, 2);
        awaitAll(ids);
        assertTrue(harness.connect().connectorStatus("gh-eos").tasks().stream()
            .anyMatch(t -> t.workerId().equals(processWorker.workerId())),
            "precondition: the process worker runs a task; " + harness.describe("gh-eos"));

        for (int i = 0; i < 12; i++) {
            STREAMS.forEach(s -> ids.addAll(github.stream(s).generate(7)));
            if (i == 6) {
                processWorker.kill();
            }
            Thread.sleep(150);
        }
        assertFalse(processWorker.isAlive());
        Await.until("both tasks running on the surviving worker", Duration.ofSeconds(60),
            () -> harness.connect().connectorStatus("gh-eos").tasks().stream()
                .filter(t -> "RUNNING".equals(t.state()) && !t.workerId().equals(processWorker.workerId()))
                .count() == 2, () -> harness.describe("gh-eos"));
        STREAMS.forEach(s -> ids.addAll(github.stream(s).generate(5)));
        awaitAll(ids);

        Map<String, Integer> counts = committedIdCounts();
        Map<String, Integer> repeated = new TreeMap<>(counts);
        repeated.values().removeIf(c -> c == 1);
        assertTrue(repeated.isEmpty(), "delivered more than once: " + repeated);
        assertEquals(Set.copyOf(ids), counts.keySet());
    }

    private void awaitAll(List<String> ids) {
        Await.until(ids.size() + " committed events in " + TOPIC, Duration.ofSeconds(90),
            () -> committedIdCounts().keySet().containsAll(ids), () -> {
                try {
                    return committedIdCounts().size() + " distinct ids; " + harness.describe("gh-eos");
                } catch (Exception e) {
                    return e.toString();
                }
            });
    }

    /** How often each id is in the topic as a read_committed consumer sees it. */
    private Map<String, Integer> committedIdCounts() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Object> consumer = Map.of("isolation.level", "read_committed");
        for (ConsumerRecord<byte[], byte[]> r : harness.kafka().consumeAll(30_000, consumer, null, TOPIC)) {
            counts.merge(ConnectHarness.text(r.key()), 1, Integer::sum);
        }
        return counts;
    }
}
