package io.tsconnect.faults.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.faults.FaultCluster;
import io.tsconnect.faults.Teardown;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.github.GithubReplayServer;

/**
 * The GitHub events source with workers at their default (at-least-once) delivery, three streams on three tasks
 * spread over a 3-worker cluster, while the replay server keeps adding events and answers a steady share of
 * requests with 5xx, 403/429 with Retry-After, bare 429, an exhausted quota or a dropped connection; mid-stream the
 * worker in its own JVM that runs a task is killed with SIGKILL, then an embedded worker running a task is removed.
 *
 * <p>Every generated event must reach Kafka. A crashed worker did not flush its last offsets, so the events it
 * wrote after its last flush come again: those duplicates are what the docs promise for at-least-once and are
 * counted and printed (the exactly-once variant is {@code GithubEventsExactlyOnceIT} in the connector module). A
 * graceful removal must add none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GithubSourceFaultIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String NAME = "gh-faults";
    private static final String TOPIC = "faults-github";
    private static final List<String> STREAMS = List.of("repos/fault/a", "orgs/fault-b", "users/fault-c");

    private GithubReplayServer github;
    private FaultCluster cluster;
    private ConnectHarness harness;

    @BeforeAll
    void start() {
        github = GithubReplayServer.start().pollInterval(1);
        cluster = FaultCluster.start("gh-faults", "github-events-source-connector", Map.of());
        harness = cluster.harness();
    }

    @AfterAll
    void stop() throws Exception {
        Teardown.closeAll(cluster, github);
    }

    @Test
    void everyEventArrivesThroughErrorStormsASigkilledWorkerAndARemovedWorker() throws Exception {
        long started = System.nanoTime();
        harness.startConnector(NAME, config(), 3);
        cluster.awaitOneTaskPerWorker(NAME, TIMEOUT);

        try (DeliveryLedger ledger = DeliveryLedger.byKey(harness, TOPIC);
             GithubFaultStorm storm = new GithubFaultStorm(github, STREAMS)) {
            awaitFlowing(ledger, storm, "under the error storm");

            String killed = cluster.killProcessWorker();
            awaitTasksRunningWithout(killed);
            awaitFlowing(ledger, storm, "after SIGKILL of the process worker");
            long duplicatesAfterKill = ledger.poll().duplicates();

            String leavingId = cluster.removeEmbeddedWorkerRunningATask(NAME);
            awaitTasksRunningWithout(leavingId);
            awaitFlowing(ledger, storm, "after removing worker " + leavingId);

            List<String> ids = storm.stop();
            ledger.awaitAll(ids, TIMEOUT, () -> harness.describe(NAME));
            Thread.sleep(2000);
            ledger.poll();
            long faultAnswers = github.requests().stream().filter(r -> r.status() >= 400 || r.status() == 0)
                .count();
            System.out.printf("FAULTS github: generated %d, in kafka %d distinct, duplicates %d (%d records; "
                + "copies per event %s; %d duplicates by the SIGKILL; %d requests, %d answered with a fault; %d s)%n",
                ids.size(), ledger.distinct(), ledger.duplicates(), ledger.records(), ledger.multiplicity(),
                duplicatesAfterKill, github.requests().size(), faultAnswers,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
            assertEquals(List.of(), ledger.missing(ids));
            assertEquals(ids.size(), ledger.distinct(), "nothing but the generated events");
            assertEquals(duplicatesAfterKill, ledger.duplicates(), "the graceful removal emitted events again");
            assertTrue(faultAnswers >= 8, "the storm answered only " + faultAnswers + " requests with a fault");
            assertEquals(3, harness.runningTasks(NAME), harness.describe(NAME));
        }
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tsconnect.github.GithubEventsSourceConnector");
        config.put("tasks.max", "3");
        config.put("github.api.url", github.baseUrl());
        config.put("github.streams", String.join(",", STREAMS));
        config.put("github.poll.interval.min.ms", "200");
        // A bare 403/429 waits this long (GitHub asks for a minute; the storm sends one every few seconds).
        config.put("github.rate.limit.backoff.initial.ms", "500");
        config.put("github.rate.limit.backoff.max.ms", "2000");
        config.put("retry.backoff.max.ms", "2000");
        config.put("topic", TOPIC);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    /** Waits until events generated from now on reach Kafka on every stream. */
    private void awaitFlowing(DeliveryLedger ledger, GithubFaultStorm storm, String when) {
        int mark = storm.ids().size();
        Await.until("events generated later arriving " + when, TIMEOUT, () -> {
            List<String> ids = storm.ids();
            return ids.size() >= mark + 3 * STREAMS.size()
                && ledger.poll().missing(ids.subList(mark, mark + 3 * STREAMS.size())).isEmpty();
        }, () -> "generated " + storm.ids().size() + ", distinct " + ledger.distinct() + "; " + harness.describe(NAME));
        System.out.printf("FAULTS github: flowing %s: generated %d, in kafka %d distinct, %d faults scripted%n", when,
            storm.ids().size(), ledger.distinct(), storm.scripted());
    }

    private void awaitTasksRunningWithout(String workerId) {
        cluster.awaitTasksRunning("worker " + workerId + " left", workerId, 3, TIMEOUT, NAME);
    }
}
