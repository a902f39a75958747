package io.tsconnect.benchmarks;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads the JMX metrics of a tsconnect connector's task 0 ({@code kafka.connect.tsconnect:type=…}) in this JVM. */
final class TaskMetrics {
    private final ObjectName name;

    /**
     * @param type the task's metrics type, e.g. {@code questdb-sink-task}
     * @param connector the connector's name
     */
    TaskMetrics(String type, String connector) {
        try {
            name = new ObjectName("kafka.connect.tsconnect:type=" + type + ",connector=" + ObjectName.quote(connector)
                + ",task=0");
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Bad metrics name for connector " + connector, e);
        }
    }

    /** The attribute's value, or null while the task's metrics are not registered (or cannot be read). */
    Object attribute(String attribute) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            return server.isRegistered(name) ? server.getAttribute(name, attribute) : null;
        } catch (JMException e) {
            return null;
        }
    }

    /** A numeric attribute, or NaN when it cannot be read. */
    double number(String attribute) {
        return attribute(attribute) instanceof Number value ? value.doubleValue() : Double.NaN;
    }
}
