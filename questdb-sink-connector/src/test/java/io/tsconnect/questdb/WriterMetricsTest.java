package io.tsconnect.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.tsconnect.questdb.config.QuestDbSinkConfig;

/** The task metrics as a JMX client sees them, driven by a writer against a scripted sender. */
class WriterMetricsTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private volatile long now;

    @Test
    void rowsLatencyRetriesAndDlqCountAreReadableOverJmxAndGoneAfterClose() throws Exception {
        ObjectName name = new ObjectName("kafka.connect.tsconnect:type=questdb-sink-task,connector=\"m-test\","
            + "task=3");
        FakeSender fake = new FakeSender();
        fake.badId = "4";
        fake.onFlush = () -> now += Duration.ofMillis(7).toNanos();
        WriterMetrics metrics = WriterMetrics.register("m-test", "3");
        QuestDbSinkConfig config = new QuestDbSinkConfig(Map.of("client.conf.string", "http::addr=x:1;"));
        QuestDbWriter writer = new QuestDbWriter(fake::sender, () -> new RecordMapper(config), null,
            new ErrantRecords((r, e) -> CompletableFuture.completedFuture(null)),
            new FlushPolicy(10, Duration.ofSeconds(10), Duration.ofSeconds(10)), metrics, () -> now, "m-test-sender");
        try {
            writer.write(IntStream.range(0, 10).mapToObj(i -> new SinkRecord("t", 0, null, null, null,
                Map.of("id", (long) i), i)).toList());
            writer.flush();
            metrics.retried();

            assertEquals(9L, server.getAttribute(name, "RowsWritten"), "the rejected row is not counted");
            assertEquals(1L, server.getAttribute(name, "ErrantRecords"));
            assertEquals(1L, server.getAttribute(name, "Retries"));
            // Halving around row 4 of 0..9: [0-1], [2], [3] and [5-9] are acknowledged; 5 requests are rejected.
            assertEquals(4L, server.getAttribute(name, "Flushes"), "acknowledged requests only");
            assertEquals(9, fake.flushes);
            assertEquals(7.0, (Double) server.getAttribute(name, "FlushLatencyAvgMs"), 1e-9);
            assertEquals(7.0, (Double) server.getAttribute(name, "FlushLatencyLastMs"), 1e-9);
            assertTrue((Double) server.getAttribute(name, "RowsPerSecond") > 0);
        } finally {
            writer.close();
            metrics.close();
        }
        assertFalse(server.isRegistered(name), "unregistered when the task stops");
    }

    @Test
    void noRowsNoRate() {
        WriterMetrics metrics = new WriterMetrics();
        assertEquals(0.0, metrics.getRowsPerSecond());
        assertEquals(0.0, metrics.getFlushLatencyAvgMs());
        assertEquals(List.of(0L, 0L, 0L), List.of(metrics.getRowsWritten(), metrics.getRetries(),
            metrics.getErrantRecords()));
    }
}
