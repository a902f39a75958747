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
    public boolean isConnected() {
        return connected;
    }

    @Override
    public boolean isSubscribed() {
        return subscribed;
    }
}
