package io.tsconnect.github;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A task's counters, registered as a JMX MXBean for as long as the task runs. */
public final class GithubEventsMetrics implements GithubEventsMetricsMXBean, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GithubEventsMetrics.class);
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
    private ObjectName name;

    /** Counters that are not registered anywhere (unit tests). */
    public GithubEventsMetrics() {
    }

    /** Registers the counters under {@code connector} and {@code task}; a clash is logged, not fatal. */
    public static GithubEventsMetrics register(String connector, int task) {
        GithubEventsMetrics metrics = new GithubEventsMetrics();
        try {
            ObjectName objectName = new ObjectName("kafka.connect.tsconnect:type=github-events-task,connector="
                + ObjectName.quote(connector) + ",task=" + task);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(metrics, objectName);
            metrics.name = objectName;
        } catch (JMException e) {
            log.warn("Cannot register the metrics of task {} of {}: {}", task, connector, e.toString());
        }
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
    @Override
    public void close() {
        if (name != null) {
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                if (Long.valueOf(startedAt).equals(server.getAttribute(name, "StartedAt"))) {
                    server.unregisterMBean(name);
                }
            } catch (JMException e) {
                log.debug("Metrics {} already unregistered", name);
            }
            name = null;
        }
    }
}
