package io.tsconnect.faults.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.faults.FaultCluster;
import io.tsconnect.faults.Teardown;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;

/**
 * The fault scenario every sink must survive, run once per sink on a {@link FaultCluster} (two workers in this JVM
 * and one in its own JVM) while {@link ContinuousProducer} keeps writing: a worker removed, the process worker
 * killed with SIGKILL, the Kafka broker stopped and restarted, and the sink's external system stopped and
 * restarted. Afterwards every acknowledged record must be in every target, duplicates are counted and printed
 * ({@code FAULTS <system>: produced N, landed N, duplicates D}), and idempotent targets must hold none.
 *
 * <p>Each sink runs two connectors on the same topic (tasks.max=3, so tasks spread over the workers): one into a
 * target where every delivery is visible (to count duplicates) and one into an idempotent target.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SinkFaultSuite {
    /** The topic the producer writes. */
    static final String TOPIC = "fault-readings";
    /** Timestamp of record 0; record n has timestamp T0 + n ms. */
    static final long T0 = 1_700_000_000_000L;
    static final int TASKS = 3;
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final int PARTITIONS = 6;
    /** Records landed after each fault before the next one, proving the pipeline moves again. */
    private static final long PROGRESS = 300;

    ConnectHarness harness;
    private FaultCluster cluster;
    private final List<String> timeline = new ArrayList<>();

    /** What a target holds at the end. */
    record Delivery(String target, boolean idempotent, long deliveries, Set<Long> ids) {
        long duplicates() {
            return deliveries - ids.size();
        }
    }

    /** Short name printed in the report, e.g. {@code questdb}. */
    abstract String system();

    /** The connector module whose packaged plugin the workers load. */
    abstract String pluginModule();

    /** Starts the external system (called before Connect starts). */
    abstract void startExternal();

    /** Stops the external system for good. */
    abstract void closeExternal();

    /** The connectors to run: name to config (topics, converters and tasks.max are set by the suite). */
    abstract Map<String, Map<String, String>> connectors();

    /** Records landed so far in the idempotent target (a cheap progress figure). */
    abstract long landed();

    /** Takes the external system away. */
    abstract void cutExternal();

    /** Brings it back on the same address with its data. */
    abstract void restoreExternal();

    /** The {@code type} of the tasks' JMX metrics, e.g. {@code questdb-sink-task}. */
    abstract String metricsType();

    /** What every target holds. */
    abstract List<Delivery> deliveries();

    /** The JSON value of record {@code id}. */
    static String reading(long id) {
        return "{\"id\":" + id + ",\"device\":\"d" + (id % 8) + "\",\"one\":1,\"value\":" + id + ",\"timestamp\":"
            + (T0 + id) + "}";
    }

    @BeforeAll
    void startAll() {
        startExternal();
        // A killed worker, and the sink consumers it held, are noticed in seconds rather than 10 s / 45 s.
        cluster = FaultCluster.start("faults-" + system(), pluginModule(), Map.of(
            "session.timeout.ms", "6000", "heartbeat.interval.ms", "1500",
            "consumer.session.timeout.ms", "6000", "consumer.heartbeat.interval.ms", "1500"));
        harness = cluster.harness();
        harness.kafka().createTopic(TOPIC, PARTITIONS);
    }

    @AfterAll
    void stopAll() throws Exception {
        Teardown.closeAll(cluster, this::closeExternal);
    }

    @Test
    void everyRecordLandsThroughWorkerLossBrokerRestartAndExternalOutage() throws Exception {
        long started = System.nanoTime();
        connectors().forEach((name, config) -> harness.connect().configureConnector(name, withDefaults(config)));
        connectors().keySet().forEach(name -> harness.awaitRunning(name, TASKS));
        try (ContinuousProducer producer = new ContinuousProducer(harness.bootstrapServers(), TOPIC, 2,
            SinkFaultSuite::reading).start()) {
            awaitProgress("start");

            String[] names = connectors().keySet().toArray(String[]::new);
            awaitTasksAway("worker removed", cluster.removeEmbeddedWorkerRunningATask(names));
            awaitTasksAway("process worker killed (SIGKILL)", cluster.killProcessWorker());

            restartBroker();
            awaitTasksAway("broker restarted", null);

            long retries = taskRetries();
            cutExternal();
            Thread.sleep(3000);
            Await.until("the tasks to retry writes while " + system() + " is away", RECOVERY,
                () -> taskRetries() > retries, () -> "retries " + taskRetries());
            restoreExternal();
            awaitTasksAway(system() + " restarted", null);
            timeline.add(system() + " outage: task retries " + (taskRetries() - retries));

            producer.stop();
            verify(producer, started);
        }
    }

    /** Restarts the Kafka broker after 3 s down, noting the ports it had and has (the same, by design). */
    private void restartBroker() throws InterruptedException {
        int oldPort = FaultCluster.port(harness.bootstrapServers());
        cluster.restartKafkaBroker(Duration.ofSeconds(3));
        timeline.add("broker restarted: port " + oldPort + " -> " + FaultCluster.port(harness.bootstrapServers()));
    }

    private Map<String, String> withDefaults(Map<String, String> config) {
        Map<String, String> full = new java.util.HashMap<>(config);
        full.put("topics", TOPIC);
        full.put("tasks.max", String.valueOf(TASKS));
        full.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        full.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        full.put("value.converter.schemas.enable", "false");
        full.put("retry.backoff.initial.ms", "100");
        full.put("retry.backoff.max.ms", "1000");
        return full;
    }

    private void verify(ContinuousProducer producer, long started) {
        NavigableSet<Long> acked = producer.acked();
        List<Delivery> deliveries = new ArrayList<>();
        Await.until("every acknowledged record in every target", RECOVERY, () -> {
            deliveries.clear();
            deliveries.addAll(deliveries());
            return deliveries.stream().allMatch(d -> d.ids().containsAll(acked));
        }, () -> deliveries.stream().map(d -> d.target() + " missing " + missing(acked, d.ids()))
            .collect(Collectors.joining("; ")));
        timeline.forEach(line -> System.out.println("FAULTS " + system() + ": " + line));
        for (Delivery d : deliveries) {
            System.out.printf("FAULTS %s: produced %d, landed %d, duplicates %d (%s%s), send failures %d, %d s%n",
                system(), acked.size(), d.ids().size(), d.duplicates(), d.target(),
                d.idempotent() ? ", idempotent" : "", producer.failed(), (System.nanoTime() - started) / 1_000_000_000L);
        }
        for (Delivery d : deliveries) {
            assertEquals(Set.of(), missing(acked, d.ids()), d.target() + ": records lost");
            assertTrue(d.duplicates() >= 0, d.target() + ": fewer deliveries than ids " + d);
            if (d.idempotent()) {
                assertEquals(0, d.duplicates(), d.target() + " is idempotent: no duplicate may remain");
            }
        }
        assertTrue(acked.size() > 4 * PROGRESS, "records flowed through the whole run: " + acked.size());
    }

    private static Set<Long> missing(NavigableSet<Long> acked, Set<Long> landed) {
        Set<Long> out = new TreeSet<>();
        for (Long id : acked) {
            if (!landed.contains(id)) {
                out.add(id);
                if (out.size() == 20) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Waits until every task of every connector runs on a worker other than {@code goneWorkerId} ({@code null}:
     * any) and the idempotent target has grown by {@link #PROGRESS} records since the fault.
     */
    private void awaitTasksAway(String fault, String goneWorkerId) {
        long before = landed();
        long t0 = System.nanoTime();
        cluster.awaitTasksRunning(fault, goneWorkerId, TASKS, RECOVERY, connectors().keySet().toArray(String[]::new));
        awaitGrowth(fault, before);
        timeline.add(String.format("%s: recovered in %.1f s", fault, (System.nanoTime() - t0) / 1e9));
    }

    private void awaitProgress(String what) {
        awaitGrowth(what, Math.max(0, landed()));
    }

    private void awaitGrowth(String what, long before) {
        Await.until(PROGRESS + " more records landed after: " + what, RECOVERY,
            () -> landed() >= before + PROGRESS, () -> "landed " + landed() + ", before " + before);
    }

    /**
     * The sum of the Retries counters of the tasks running in this JVM (after the process worker's SIGKILL, all
     * of them), from their MBeans {@code kafka.connect.tsconnect:type=<metricsType>,connector=…,task=…}.
     */
    private long taskRetries() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long sum = 0;
        try {
            for (ObjectName name : server.queryNames(new ObjectName("kafka.connect.tsconnect:type=" + metricsType()
                + ",*"), null)) {
                sum += ((Number) server.getAttribute(name, "Retries")).longValue();
            }
        } catch (JMException e) {
            throw new IllegalStateException("Cannot read the task metrics", e);
        }
        return sum;
    }
}
