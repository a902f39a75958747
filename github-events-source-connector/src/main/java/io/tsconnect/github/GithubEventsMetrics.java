package io.tsconnect.github;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.tsconnect.common.metrics.TaskMBean;

/** A task's counters, registered as a JMX MXBean for as long as the task runs. */
public final class GithubEventsMetrics implements GithubEventsMetricsMXBean, AutoCloseable {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong remaining = new AtomicLong(-1);
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitMs = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final long startedAt = System.currentTimeMillis();
    private TaskMBean registration;

    /** Counters that are not registered anywhere (unit tests). */
    public GithubEventsMetrics() {
    }

    /** Registers the counters under {@code connector} and {@code task}; a clash replaces the older run's. */
    public static GithubEventsMetrics register(String connector, int task) {
        GithubEventsMetrics metrics = new GithubEventsMetrics();
        metrics.registration = TaskMBean.register(metrics, "github-events-task", connector, Integer.toString(task));
        return metrics;
    }

    void request() {
        requests.incrementAndGet();
    }

    void notModified() {
        notModified.incrementAndGet();
    }

    void emitted(int n) {
        emitted.addAndGet(n);
    }

    void duplicates(int n) {
        duplicates.addAndGet(n);
    }

    void late(int n) {
        late.addAndGet(n);
    }

    void gap() {
        gaps.incrementAndGet();
    }

    void rateLimitRemaining(long value) {
        remaining.set(value);
    }

    void rateLimitWait(Duration wait) {
        waits.incrementAndGet();
        waitMs.addAndGet(wait.toMillis());
    }

    void error() {
        errors.incrementAndGet();
    }

    @Override
    public long getRequests() {
        return requests.get();
    }

    @Override
    public long getNotModified() {
        return notModified.get();
    }

    @Override
    public long getEventsEmitted() {
        return emitted.get();
    }

    @Override
    public long getDuplicatesSuppressed() {
        return duplicates.get();
    }

    @Override
    public long getLateEvents() {
        return late.get();
    }

    @Override
    public long getPossibleGaps() {
        return gaps.get();
    }

    @Override
    public long getRateLimitRemaining() {
        return remaining.get();
    }

    @Override
    public long getRateLimitWaits() {
        return waits.get();
    }

    @Override
    public long getRateLimitWaitMs() {
        return waitMs.get();
    }

    @Override
    public long getErrors() {
        return errors.get();
    }

    @Override
    public long getStartedAt() {
        return startedAt;
    }

    /** Unregisters the counters, unless a newer run of the same task has replaced them meanwhile. */
    /** Unregisters the counters, unless a newer run of the same task has replaced them meanwhile. */
    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
    }
}
