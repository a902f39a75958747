package io.tsconnect.quickstart;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;
import javax.management.ObjectName;

import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;


/** One progress line: records per source topic, rows landed per table, alerts sent back, connector states. */
final class Progress {
    private final Stack stack;

    Progress(Stack stack) {
        this.stack = stack;
    }

    String line() {
        List<String> parts = new ArrayList<>();
        parts.add("published " + stack.simulation.published());
        parts.add("device-readings " + endOffset("device-readings"));
        parts.add("github-events " + endOffset("github-events"));
        parts.add("device_readings rows " + rows("device_readings"));
        parts.add("github_events rows " + rows("github_events"));
        parts.add("alerts published " + alertsPublished());
        List<String> notRunning = new ArrayList<>();
        for (String name : List.of("mqtt-source", "questdb-sink-readings", "questdb-sink-github",
            "github-events-source", "mqtt-sink-alerts")) {
            if (stack.connect.runningTasks(name) < 1) {
                notRunning.add(name);
            }
        }
        if (stack.redis && stack.connect.runningTasks("redis-timeseries-sink") < 1) {
            notRunning.add("redis-timeseries-sink");
        }
        parts.add(notRunning.isEmpty() ? "all connectors RUNNING" : "NOT RUNNING: " + notRunning);
        return String.join(" | ", parts);
    }

    long rows(String table) {
        try {
            return Math.max(0, stack.questdb.rowCount(table));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Alerts the MQTT sink published to devices/+/+/alerts and the broker acknowledged since this run started: the
     * sink task's JMX metric (the worker runs in this JVM).
     */
    long alertsPublished() {
        try {
            Object acked = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(
                "kafka.connect.tsconnect:type=mqtt-sink-task,connector=" + ObjectName.quote("mqtt-sink-alerts")
                    + ",task=0"), "Acknowledged");
            return acked instanceof Number n ? n.longValue() : 0;
        } catch (JMException e) {
            return 0;
        }
    }

    private long endOffset(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try {
            ListOffsetsResult result = stack.admin.listOffsets(Map.of(partition, OffsetSpec.latest()));
            return result.partitionResult(partition).get(5, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            return 0;
        }
    }
}
