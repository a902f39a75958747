package io.tsconnect.mqtt;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import io.tsconnect.common.metrics.TaskMBean;

/** Counters of one task, registered as a JMX MBean while the task runs. */
public final class MqttTaskMetrics implements MqttTaskMetricsMBean {

    private final LongAdder received = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder unmappable = new LongAdder();
    private final LongAdder sequenceGaps = new LongAdder();
    private final LongAdder missingBirths = new LongAdder();
    private final LongAdder unknownAliases = new LongAdder();
    private final LongAdder rebirthRequests = new LongAdder();
    private volatile boolean connected;
    private volatile boolean subscribed;
    private volatile IntSupplier queued = () -> 0;
    private TaskMBean registration;

    /** Registers this MBean, replacing one a previous incarnation of the task left behind. */
    public void register(String connector, String task) {
        registration = TaskMBean.register(this, "mqtt-source-task", connector, task);
    }

    /** Unregisters the MBean, unless a newer run of the task replaced it. */
    public void unregister() {
        if (registration != null) {
            registration.close();
        }
    }

    void queueSize(IntSupplier size) {
        this.queued = size;
    }

    void received() {
        received.increment();
    }

    void acknowledged() {
        acknowledged.increment();
    }

    void reconnected() {
        reconnects.increment();
    }

    void unmappable() {
        unmappable.increment();
    }

    /** A Sparkplug message whose sequence number was not the one due. */
    public void sparkplugSequenceGap() {
        sequenceGaps.increment();
    }

    /** A Sparkplug message from an edge node whose birth the task has not seen. */
    public void sparkplugMissingBirth() {
        missingBirths.increment();
    }

    /** Sparkplug metrics skipped because no birth declared their alias. */
    public void sparkplugUnknownAliases(int metrics) {
        unknownAliases.add(metrics);
    }

    /** A rebirth request sent to a Sparkplug edge node. */
    public void sparkplugRebirthRequested() {
        rebirthRequests.increment();
    }

    void connected(boolean up) {
        connected = up;
    }

    void subscribed(boolean done) {
        subscribed = done;
    }

    @Override
    public long getReceived() {
        return received.sum();
    }

    @Override
    public long getAcknowledged() {
        return acknowledged.sum();
    }

    @Override
    public long getInFlight() {
        return Math.max(0, received.sum() - acknowledged.sum());
    }

    @Override
    public int getQueued() {
        return queued.getAsInt();
    }

    @Override
    public long getReconnects() {
        return reconnects.sum();
    }

    @Override
    public long getUnmappable() {
        return unmappable.sum();
    }

    @Override
    public long getSparkplugSequenceGaps() {
        return sequenceGaps.sum();
    }

    @Override
    public long getSparkplugMissingBirths() {
        return missingBirths.sum();
    }

    @Override
    public long getSparkplugUnknownAliases() {
        return unknownAliases.sum();
    }

    @Override
    public long getSparkplugRebirthRequests() {
        return rebirthRequests.sum();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public boolean isSubscribed() {
        return subscribed;
    }
}
