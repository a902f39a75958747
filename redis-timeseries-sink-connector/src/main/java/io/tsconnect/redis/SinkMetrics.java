package io.tsconnect.redis;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's counters, registered as {@code kafka.connect.tsconnect:type=redis-timeseries-task,connector=…,task=…}.
 */
public final class SinkMetrics implements SinkMetricsMBean, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkMetrics.class);
    private final LongAdder samplesWritten = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder seriesCreated = new LongAdder();
    private final LongAdder recordErrors = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private ObjectName name;

    /** Unregistered counters (tests). */
    public SinkMetrics() {
    }

    /** Registers the counters for {@code connector}'s task {@code task}; a name clash only logs. */
    public static SinkMetrics register(String connector, String task) {
        SinkMetrics metrics = new SinkMetrics();
        try {
            ObjectName objectName = new ObjectName("kafka.connect.tsconnect:type=redis-timeseries-task,connector="
                + ObjectName.quote(connector) + ",task=" + ObjectName.quote(task));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(metrics, objectName);
            metrics.name = objectName;
        } catch (JMException e) {
            LOG.warn("Cannot register task metrics for {} task {}: {}", connector, task, e.toString());
        }
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
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.debug("Metrics {} already unregistered", name);
            }
            name = null;
        }
    }
}
