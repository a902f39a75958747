package io.tsconnect.redis;

import java.util.concurrent.atomic.LongAdder;

import io.tsconnect.common.metrics.TaskMBean;

/**
 * A task's counters, registered as {@code kafka.connect.tsconnect:type=redis-timeseries-task,connector=…,task=…}.
 */
public final class SinkMetrics implements SinkMetricsMBean, AutoCloseable {
    private final LongAdder samplesWritten = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder seriesCreated = new LongAdder();
    private final LongAdder recordErrors = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private TaskMBean registration;

    /** Unregistered counters (tests). */
    public SinkMetrics() {
    }

    /** Registers the counters for {@code connector}'s task {@code task}; a clash replaces the older run's. */
    public static SinkMetrics register(String connector, String task) {
        SinkMetrics metrics = new SinkMetrics();
        metrics.registration = TaskMBean.register(metrics, "redis-timeseries-task", connector, task);
        return metrics;
    }

    void written(long samples, long commands) {
        samplesWritten.add(samples);
        batches.add(commands);
    }

    void created() {
        seriesCreated.increment();
    }

    void recordError() {
        recordErrors.increment();
    }

    void retry() {
        retries.increment();
    }

    @Override
    public long getSamplesWritten() {
        return samplesWritten.sum();
    }

    @Override
    public long getBatches() {
        return batches.sum();
    }

    @Override
    public long getSeriesCreated() {
        return seriesCreated.sum();
    }

    @Override
    public long getRecordErrors() {
        return recordErrors.sum();
    }

    @Override
    public long getRetries() {
        return retries.sum();
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
    }
}
