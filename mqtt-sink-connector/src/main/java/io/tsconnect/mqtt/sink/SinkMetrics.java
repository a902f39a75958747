package io.tsconnect.mqtt.sink;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import io.tsconnect.common.metrics.TaskMBean;

/**
 * Per-task JMX metrics at {@code kafka.connect.tsconnect:type=mqtt-sink-task,connector=…,task=…}: messages
 * published, acknowledged and in flight, retries, records sent to the DLQ, and the connection state.
 */
public final class SinkMetrics implements SinkMetricsMBean, AutoCloseable {
    private final LongAdder published = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder errant = new LongAdder();
    private final long startNanos = System.nanoTime();
    private volatile boolean connected;
    private volatile IntSupplier inFlight = () -> 0;
    private volatile IntSupplier limit = () -> 0;
    private TaskMBean registration;

    /** Metrics that are not registered anywhere (unit tests, benchmarks). */
    public SinkMetrics() {
    }

    /** Registers the MBean; a name clash (a task restarted in place) replaces the old one. */
    public static SinkMetrics register(String connector, String task) {
        SinkMetrics metrics = new SinkMetrics();
        metrics.registration = TaskMBean.register(metrics, "mqtt-sink-task", connector, task);
        return metrics;
    }

    void window(IntSupplier inFlightNow, IntSupplier limitNow) {
        this.inFlight = inFlightNow;
        this.limit = limitNow;
    }

    void published() {
        published.increment();
    }

    void acknowledged() {
        acknowledged.increment();
    }

    void retried() {
        retries.increment();
    }

    void errant() {
        errant.increment();
    }

    void connected(boolean up) {
        connected = up;
    }

    @Override
    public long getPublished() {
        return published.sum();
    }

    @Override
    public long getAcknowledged() {
        return acknowledged.sum();
    }

    @Override
    public double getAcknowledgedPerSecond() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : acknowledged.sum() / seconds;
    }

    @Override
    public int getInFlight() {
        return inFlight.getAsInt();
    }

    @Override
    public int getInFlightLimit() {
        return limit.getAsInt();
    }

    @Override
    public long getRetries() {
        return retries.sum();
    }

    @Override
    public long getErrantRecords() {
        return errant.sum();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
    }
}
