package io.tsconnect.questdb;

import java.util.concurrent.atomic.AtomicLong;

import io.tsconnect.common.metrics.TaskMBean;

/**
 * Per-task JMX metrics at {@code kafka.connect.tsconnect:type=questdb-sink-task,connector=…,task=…}: rows
 * written and rows/s, flushes and flush latency, transient retries and records sent to the DLQ.
 */
public final class WriterMetrics implements WriterMetricsMBean, AutoCloseable {
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong flushNanos = new AtomicLong();
    private final AtomicLong lastFlushNanos = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong errant = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private TaskMBean registration;

    /** Metrics that are not registered anywhere (unit tests). */
    public WriterMetrics() {
    }

    /** Registers the MBean; a name clash (a task restarted in place) replaces the old one. */
    public static WriterMetrics register(String connector, String task) {
        WriterMetrics metrics = new WriterMetrics();
        metrics.registration = TaskMBean.register(metrics, "questdb-sink-task", connector, task);
        return metrics;
    }

    void flushed(int rowCount, long nanos) {
        rows.addAndGet(rowCount);
        flushes.incrementAndGet();
        flushNanos.addAndGet(nanos);
        lastFlushNanos.set(nanos);
    }

    void retried() {
        retries.incrementAndGet();
    }

    void errant() {
        errant.incrementAndGet();
    }

    @Override
    public long getRowsWritten() {
        return rows.get();
    }

    @Override
    public double getRowsPerSecond() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : rows.get() / seconds;
    }

    @Override
    public long getFlushes() {
        return flushes.get();
    }

    @Override
    public double getFlushLatencyAvgMs() {
        long count = flushes.get();
        return count == 0 ? 0 : flushNanos.get() / 1e6 / count;
    }

    @Override
    public double getFlushLatencyLastMs() {
        return lastFlushNanos.get() / 1e6;
    }

    @Override
    public long getRetries() {
        return retries.get();
    }

    @Override
    public long getErrantRecords() {
        return errant.get();
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
    }
}
