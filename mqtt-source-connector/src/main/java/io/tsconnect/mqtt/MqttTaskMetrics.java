package io.tsconnect.mqtt;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counters of one task, registered as a JMX MBean while the task runs. */
public final class MqttTaskMetrics implements MqttTaskMetricsMBean {
    private static final Logger LOG = LoggerFactory.getLogger(MqttTaskMetrics.class);

    private final LongAdder received = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder unmappable = new LongAdder();
    private volatile boolean connected;
    private volatile boolean subscribed;
    private volatile IntSupplier queued = () -> 0;
    private ObjectName name;

    /** The MBean name of task {@code task} of {@code connector}. */
    public static ObjectName objectName(String connector, String task) throws JMException {
        return new ObjectName("kafka.connect.tsconnect:type=mqtt-source-task,connector=" + ObjectName.quote(connector)
            + ",task=" + task);
    }

    /** Registers this MBean, replacing one a previous incarnation of the task left behind. */
    public void register(String connector, String task) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName objectName = objectName(connector, task);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(this, objectName);
            name = objectName;
        } catch (JMException e) {
            LOG.warn("Cannot register the metrics MBean of task {} of {}: {}", task, connector, e.toString());
        }
    }

    /** Unregisters the MBean, if registered. */
    public void unregister() {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.debug("MBean {} already gone: {}", name, e.toString());
        }
        name = null;
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
