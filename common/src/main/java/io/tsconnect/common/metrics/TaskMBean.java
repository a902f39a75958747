package io.tsconnect.common.metrics;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's metrics MBean registered as {@code kafka.connect.tsconnect:type=<type>,connector="<name>",task=<n>}.
 *
 * <p>Connect may start a task's next run before the previous one has stopped: registration replaces the MBean of
 * the same name, and closing an old registration never removes the newer run's MBean. Failures only log, since
 * metrics must never stop data.
 */
public final class TaskMBean implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskMBean.class);
    /** The MBean object each name currently belongs to, so an old run cannot unregister a newer one. */
    private static final ConcurrentMap<ObjectName, Object> OWNERS = new ConcurrentHashMap<>();
    private final ObjectName name;
    private final Object mbean;

    private TaskMBean(ObjectName name, Object mbean) {
        this.name = name;
        this.mbean = mbean;
    }

    /** The name of task {@code task} (its number) of {@code connector} for MBeans of {@code type}. */
    public static ObjectName name(String type, String connector, String task) throws JMException {
        return new ObjectName("kafka.connect.tsconnect:type=" + type + ",connector=" + ObjectName.quote(connector)
            + ",task=" + task);
    }

    /** Registers {@code mbean} (a standard MBean or MXBean), replacing an MBean of the same name. */
    public static TaskMBean register(Object mbean, String type, String connector, String task) {
        try {
            ObjectName name = name(type, connector, task);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            synchronized (OWNERS) {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
                server.registerMBean(mbean, name);
                OWNERS.put(name, mbean);
            }
            return new TaskMBean(name, mbean);
        } catch (JMException e) {
            LOG.warn("Cannot register the {} metrics of task {} of {}: {}", type, task, connector, e.toString());
            return new TaskMBean(null, mbean);
        }
    }

    /** The registered name, or {@code null} when registration failed. */
    public ObjectName name() {
        return name;
    }

    /** Unregisters the MBean unless a newer registration of the same name replaced it. */
    @Override
    public void close() {
        if (name == null) {
            return;
        }
        synchronized (OWNERS) {
            if (!OWNERS.remove(name, mbean)) {
                return;
            }
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.debug("MBean {} already gone: {}", name, e.toString());
            }
        }
    }
}
