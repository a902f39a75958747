package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;

/** The task's delivery contract: retries without loss, errant records, and only acknowledged offsets committed. */
class RedisTimeSeriesSinkTaskTest {
    private static final TopicPartition TP = new TopicPartition("readings", 0);
    private RedisTimeSeriesStandIn server;
    private RedisTimeSeriesSinkTask task;
    private FakeSinkTaskContext context;

    @BeforeEach
    void start() {
        server = RedisTimeSeriesStandIn.standalone().requirePassword("s3cret").start();
        task = new RedisTimeSeriesSinkTask();
    }

    @AfterEach
    void stop() {
        task.stop();
        server.close();
    }

    @Test
    void writesAndCommitsOnlyAcknowledgedOffsets() {
        startTask(true, Map.of());
        task.put(List.of(record(0, "d1", 20.5), record(1, "d2", 21.5)));
        assertEquals(Map.of(TP, new OffsetAndMetadata(2)), task.preCommit(Map.of(TP, new OffsetAndMetadata(99))));
        assertEquals(Map.of(1_000L, 20.5), server.series("temp:d1").samples());
        assertEquals(Map.of("device", "d1"), server.series("temp:d1").labels());
    }

    @Test
    void offsetsOfRecordsRenamedByAnSmtAreCommittedForThePartitionConnectConsumed() {
        // An SMT such as RegexRouter renames the topic; Connect still asks preCommit for the partition it consumed.
        startTask(true, Map.of());
        task.put(List.of(record(0, "d1", 20.5), record(1, "d2", 21.5)).stream().map(r -> r.newRecord("renamed",
            r.kafkaPartition(), null, null, null, r.value(), r.timestamp())).toList());
        assertEquals(Map.of(TP, new OffsetAndMetadata(2)), task.preCommit(Map.of(TP, new OffsetAndMetadata(99))));
        assertEquals(Map.of(1_000L, 20.5), server.series("temp:d1").samples());
    }

    @Test
    void aLostServerMeansRetryWithBackoffAndNothingLost() {
        startTask(true, Map.of("retry.backoff.initial.ms", "100"));
        task.put(List.of(record(0, "d1", 1)));
        assertEquals(Map.of(TP, new OffsetAndMetadata(1)), task.preCommit(Map.of(TP, new OffsetAndMetadata(1))));
        server.stop();
        List<SinkRecord> batch = List.of(record(1, "d1", 2), record(2, "d2", 3));
        task.put(batch);
        assertEquals(Map.of(TP, new OffsetAndMetadata(1)), task.preCommit(Map.of(TP, new OffsetAndMetadata(3))),
            "records not answered by Redis are not committed");
        putUntilThrown(RetriableException.class, batch);
        assertTrue(context.timeout >= 100, "asks Connect to wait before redelivering: " + context.timeout);
        assertEquals(Map.of(TP, new OffsetAndMetadata(1)), task.preCommit(Map.of(TP, new OffsetAndMetadata(3))));
        server.start();
        task.put(batch);
        assertEquals(Map.of(TP, new OffsetAndMetadata(3)), task.preCommit(Map.of(TP, new OffsetAndMetadata(3))));
        assertEquals(2, server.series("temp:d1").samples().size());
        assertEquals(1, server.series("temp:d2").samples().size());
    }

    @Test
    void invalidValuesGoToTheErrantRecordReporter() {
        startTask(true, Map.of());
        SinkRecord bad = new SinkRecord("readings", 0, null, null, null,
            Map.of("device", "d1", "value", "hot"), 1, 2_000L, org.apache.kafka.common.record.TimestampType.CREATE_TIME);
        task.put(List.of(record(0, "d1", 1), bad, record(2, "d1", 3)));
        assertEquals(Map.of(TP, new OffsetAndMetadata(3)), task.preCommit(Map.of(TP, new OffsetAndMetadata(3))));
        assertEquals(1, context.reported.size());
        assertTrue(context.reported.get(0).getMessage().contains("topic readings partition 0 offset 1"));
        assertEquals(2, server.series("temp:d1").samples().size());
    }

    @Test
    void withoutAReporterABadRecordFailsTheTaskNamingItsOffset() {
        startTask(false, Map.of());
        SinkRecord bad = new SinkRecord("readings", 0, null, null, null, Map.of("value", 1), 7, 1L,
            org.apache.kafka.common.record.TimestampType.CREATE_TIME);
        ConnectException e = putUntilThrown(ConnectException.class, List.of(bad));
        assertTrue(e.getMessage().contains("topic readings partition 0 offset 7"), e.getMessage());
        assertTrue(e.getMessage().contains("device"), e.getMessage());
    }

    @Test
    void invalidValueBehaviorIgnoreAndFail() {
        startTask(false, Map.of("ts.invalid.value.behavior", "ignore"));
        task.put(List.of(record(0, "d1", Double.NaN)));
        assertEquals(Map.of(TP, new OffsetAndMetadata(1)), task.preCommit(Map.of(TP, new OffsetAndMetadata(1))));
        assertNull(server.series("temp:d1"));
        task.stop();
        task = new RedisTimeSeriesSinkTask();
        startTask(true, Map.of("ts.invalid.value.behavior", "fail"));
        putUntilThrown(ConnectException.class, List.of(record(0, "d1", Double.NaN)));
    }

    @Test
    void tombstonesDeleteTheirSeriesWhenConfigured() {
        startTask(true, Map.of("ts.tombstone.behavior", "delete", "ts.key.template", "temp:${key.device}"));
        SinkRecord sample = new SinkRecord("readings", 0, null, Map.of("device", "d1"), null,
            Map.of("device", "d1", "value", 1), 0, 5L, org.apache.kafka.common.record.TimestampType.CREATE_TIME);
        SinkRecord tombstone = new SinkRecord("readings", 0, null, Map.of("device", "d1"), null, null, 1);
        task.put(List.of(sample, tombstone));
        task.preCommit(Map.of(TP, new OffsetAndMetadata(2)));
        assertNull(server.series("temp:d1"));
        task.put(List.of(new SinkRecord("readings", 0, null, sample.key(), null, sample.value(), 2, 5L,
            org.apache.kafka.common.record.TimestampType.CREATE_TIME)));
        task.preCommit(Map.of(TP, new OffsetAndMetadata(2)));
        assertEquals(1, server.series("temp:d1").samples().size());
    }

    @Test
    void writesToTheConfiguredDatabaseAndCountsInJmx() throws Exception {
        startTask(true, Map.of("redis.database", "3", "name", "jmx-sink", "task.id", "0"));
        task.put(List.of(record(0, "d1", 1), record(1, "d1", 2)));
        task.preCommit(Map.of(TP, new OffsetAndMetadata(2)));
        assertNull(server.series("temp:d1"));
        assertEquals(2, server.series(3, "temp:d1").samples().size());
        javax.management.ObjectName name = new javax.management.ObjectName(
            "kafka.connect.tsconnect:type=redis-timeseries-task,connector=\"jmx-sink\",task=0");
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        assertEquals(2L, jmx.getAttribute(name, "SamplesWritten"));
        assertEquals(1L, jmx.getAttribute(name, "SeriesCreated"));
        assertEquals(1L, jmx.getAttribute(name, "Batches"));
        task.stop();
        assertTrue(!jmx.isRegistered(name), "unregistered on stop");
    }

    @Test
    void wrongPasswordFailsTheTaskWithAClearMessage() {
        Map<String, String> props = props(Map.of("redis.password", "wrong"));
        task.initialize(context = new FakeSinkTaskContext(true));
        ConnectException e = assertThrows(ConnectException.class, () -> task.start(props));
        assertTrue(e.getMessage().contains("Redis rejected the credentials"), e.getMessage());
        assertTrue(e.getMessage().contains("WRONGPASS"), e.getMessage());
        assertTrue(!e.getMessage().contains("wrong"), "the password never appears in the message");
    }

    /** Calls put() (then put() without records, as Connect does) until it throws {@code type}. */
    private <T extends Throwable> T putUntilThrown(Class<T> type, List<SinkRecord> records) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<SinkRecord> next = records;
        while (System.nanoTime() < deadline) {
            try {
                task.put(next);
                next = List.of();
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
                throw e;
            }
        }
        throw new AssertionError("put() did not throw " + type.getSimpleName());
    }

    private void startTask(boolean reporter, Map<String, String> overrides) {
        context = new FakeSinkTaskContext(reporter);
        task.initialize(context);
        task.start(props(overrides));
    }

    private Map<String, String> props(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("redis.hosts", server.hostPort());
        props.put("redis.password", "s3cret");
        props.put("ts.key.template", "temp:${device}");
        props.put("ts.labels", "device");
        props.put("redis.socket.timeout.ms", "2000");
        props.put("redis.connect.timeout.ms", "2000");
        props.putAll(overrides);
        return props;
    }

    private static SinkRecord record(long offset, String device, double value) {
        return new SinkRecord("readings", 0, null, null, null, Map.of("device", device, "value", value), offset,
            1_000L + offset, org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }
}
