package io.tsconnect.faults;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ProcessWorker;

/**
 * The 3-worker Connect cluster every fault IT runs on: two workers in this JVM and one {@link ProcessWorker} in its
 * own JVM (so that it can be killed with SIGKILL, as a crashed machine dies), all loading the packaged plugins; with
 * the faults the ITs inflict on it and the wait that tells the tasks recovered from one.
 */
public final class FaultCluster implements AutoCloseable {
    /** The number of workers. */
    public static final int WORKERS = 3;

    private final ConnectHarness harness;
    private final ProcessWorker processWorker;

    private FaultCluster(ConnectHarness harness, ProcessWorker processWorker) {
        this.harness = harness;
        this.processWorker = processWorker;
    }

    /**
     * Starts the cluster.
     *
     * @param name the cluster name
     * @param pluginModule the connector module whose packaged plugin the workers load
     * @param workerProps more worker properties, on top of the harness defaults
     */
    public static FaultCluster start(String name, String pluginModule, Map<String, String> workerProps) {
        return start(name, List.of(pluginModule), workerProps);
    }

    /** Starts the cluster with the packaged plugins of several connector modules (a whole pipeline). */
    public static FaultCluster start(String name, List<String> pluginModules, Map<String, String> workerProps) {
        ConnectHarness.Builder builder = ConnectHarness.builder().name(name)
            .plugins(pluginModules.toArray(String[]::new)).workers(WORKERS - 1)
            // The tasks of a departed worker are reassigned 3 s after it left.
            .workerProp("scheduled.rebalance.max.delay.ms", "3000");
        workerProps.forEach(builder::workerProp);
        ConnectHarness harness = builder.start();
        try {
            return new FaultCluster(harness, harness.startProcessWorker());
        } catch (RuntimeException | Error e) {
            harness.close();
            throw e;
        }
    }

    public ConnectHarness harness() {
        return harness;
    }

    public ProcessWorker processWorker() {
        return processWorker;
    }

    /** The ids ({@code host:port}) of the workers running a task of any of {@code connectors}. */
    public Set<String> taskWorkers(String... connectors) {
        return Arrays.stream(connectors).flatMap(name -> harness.connect().connectorStatus(name).tasks().stream())
            .filter(t -> "RUNNING".equals(t.state())).map(ConnectorStateInfo.TaskState::workerId)
            .collect(Collectors.toSet());
    }

    /** Waits until {@code connector}'s tasks run on all three workers, the process worker among them. */
    public void awaitOneTaskPerWorker(String connector, Duration timeout) {
        Await.until("one task on each of the " + WORKERS + " workers", timeout,
            () -> taskWorkers(connector).size() == WORKERS, () -> harness.describe(connector));
        assertTrue(taskWorkers(connector).contains(processWorker.workerId()), harness.describe(connector));
    }

    /** Kills the process worker with SIGKILL (no task stop, no offset flush); returns its worker id. */
    public String killProcessWorker() {
        processWorker.kill();
        assertFalse(processWorker.isAlive(), "the process worker survived SIGKILL");
        return processWorker.workerId();
    }

    /**
     * Removes (gracefully stops) a worker in this JVM that runs a task of one of {@code connectors}, so that its
     * removal moves work; returns its worker id.
     */
    public String removeEmbeddedWorkerRunningATask(String... connectors) {
        Set<String> running = taskWorkers(connectors);
        for (WorkerHandle worker : harness.connect().workers()) {
            int port = port(worker.url().toString());
            String id = running.stream().filter(w -> port(w) == port).findFirst().orElse(null);
            if (id != null) {
                harness.connect().removeWorker(worker);
                return id;
            }
        }
        throw new AssertionError("no embedded worker runs a task of " + Arrays.toString(connectors) + ": "
            + Arrays.stream(connectors).map(harness::describe).collect(Collectors.joining("; ")));
    }

    /**
     * Stops the Kafka broker (the KRaft controller stays, as in Kafka's own ConnectWorkerIntegrationTest) for
     * {@code pause} and starts it again; the test kit's broker comes back on the port it had, where the workers and
     * clients look for it.
     */
    public void restartKafkaBroker(Duration pause) throws InterruptedException {
        harness.kafka().stopOnlyBrokers();
        Thread.sleep(pause.toMillis());
        harness.kafka().restartOnlyBrokers();
    }

    /**
     * Waits until each of {@code connectors} is RUNNING with {@code tasks} RUNNING tasks, none of them on the worker
     * {@code goneWorkerId} ({@code null}: on any worker).
     *
     * @param after what happened, for the timeout message
     */
    public void awaitTasksRunning(String after, String goneWorkerId, int tasks, Duration timeout,
                                  String... connectors) {
        int gonePort = goneWorkerId == null ? -1 : port(goneWorkerId);
        for (String name : connectors) {
            Await.until(name + " running " + tasks + " tasks" + (goneWorkerId == null ? "" : ", none on "
                + goneWorkerId) + ", after: " + after, timeout, () -> {
                ConnectorStateInfo status = harness.connect().connectorStatus(name);
                return "RUNNING".equals(status.connector().state()) && status.tasks().size() == tasks
                    && status.tasks().stream().allMatch(t -> "RUNNING".equals(t.state())
                    && port(t.workerId()) != gonePort);
            }, () -> harness.describe(name));
        }
    }

    /** The port of a worker id ({@code host:port}) or URL. */
    public static int port(String workerIdOrUrl) {
        String s = workerIdOrUrl.replaceAll("/+$", "");
        return Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
    }

    /** Stops the workers (the process worker too) and Kafka. */
    @Override
    public void close() {
        harness.close();
    }
}
