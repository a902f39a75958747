package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

import io.tsconnect.redis.config.SeriesConfig;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;
import io.tsconnect.testsupport.redis.TimeSeriesStore;

/** The writer against the RedisTimeSeries stand-in: creation, batching and per-sample error mapping. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesWriterTest {
    private RedisTimeSeriesStandIn server;
    private RedisClient client;
    private SinkMetrics metrics;

    @BeforeAll
    void start() {
        server = RedisTimeSeriesStandIn.standalone().start();
        client = RedisClient.create("127.0.0.1", server.port());
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
        metrics = new SinkMetrics();
    }

    @Test
    void createsEachSeriesOnceWithItsParametersAndBatchesTheSamples() {
        SeriesWriter writer = writer(Map.of("ts.retention.ms", "86400000", "ts.chunk.size.bytes", "128",
            "ts.encoding", "uncompressed", "ts.batch.size", "1000"));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            samples.add(sample("temp:" + (i % 3), i, i, Map.of("metric", "temp", "device", "d" + (i % 3))));
        }
        assertTrue(writer.write(samples).isEmpty());
        assertEquals(3, server.commandCount("TS.CREATE"));
        assertEquals(3, server.commandCount("TS.MADD"));
        TimeSeriesStore.Series series = server.series("temp:1");
        assertEquals(1000, series.samples().size());
        assertEquals(86_400_000L, series.retention());
        assertEquals("LAST", series.duplicatePolicy());
        assertEquals(128, series.chunkSize());
        assertTrue(series.uncompressed());
        assertEquals(Map.of("metric", "temp", "device", "d1"), series.labels());

        assertTrue(writer.write(List.of(sample("temp:1", 5000, 1, Map.of()))).isEmpty());
        assertEquals(3, server.commandCount("TS.CREATE"), "create parameters are not sent again");
        assertEquals(3, metrics.getSeriesCreated());
    }

    @Test
    void existingSeriesKeepTheirLabelsUnlessAlterIsOn() {
        server.putString("ignored", "x");
        client.tsCreate("old", redis.clients.jedis.timeseries.TSCreateParams.createParams().label("a", "1"));
        writer(Map.of()).write(List.of(sample("old", 1, 1, Map.of("a", "2"))));
        assertEquals(Map.of("a", "1"), server.series("old").labels());
        writer(Map.of("ts.alter.labels", "true")).write(List.of(sample("old", 2, 1, Map.of("a", "3"))));
        assertEquals(Map.of("a", "3"), server.series("old").labels());
        assertEquals(2, server.series("old").samples().size());
    }

    @Test
    void rejectedSamplesAreMappedToTheirRecords() {
        SeriesWriter writer = writer(Map.of("ts.duplicate.policy", "block", "ts.retention.ms", "1000"));
        server.putString("plain", "not a series");
        Sample ok = sample("s", 10_000, 1, Map.of());
        Sample duplicate = sample("s", 10_000, 2, Map.of());
        Sample tooOld = sample("s", 5_000, 3, Map.of());
        Sample wrongType = sample("plain", 1, 4, Map.of());
        Map<SinkRecord, String> failed = writer.write(List.of(ok, duplicate, tooOld, wrongType));
        assertEquals(3, failed.size(), failed.toString());
        assertTrue(failed.get(duplicate.record()).contains("Error at upsert"), failed.toString());
        assertTrue(failed.get(tooOld.record()).contains("Timestamp is older than retention"), failed.toString());
        assertTrue(failed.get(wrongType.record()).contains("key already exists")
            || failed.get(wrongType.record()).contains("not a TSDB key"), failed.toString());
        assertEquals(Map.of(10_000L, 1.0), server.series("s").samples());
    }

    @Test
    void aSeriesDeletedBehindTheTasksBackIsCreatedAgain() {
        SeriesWriter writer = writer(Map.of());
        writer.write(List.of(sample("gone", 1, 1, Map.of("l", "v"))));
        client.del("gone");
        Map<SinkRecord, String> failed = writer.write(List.of(sample("gone", 2, 2, Map.of("l", "v"))));
        assertTrue(failed.isEmpty(), failed.toString());
        assertEquals(Map.of(2L, 2.0), server.series("gone").samples());
        assertEquals(Map.of("l", "v"), server.series("gone").labels());
    }

    @Test
    void aSeriesThatCannotBeCreatedFailsItsRecordsOnly() {
        SeriesWriter writer = writer(Map.of());
        Sample bad = sample("bad", 1, 1, Map.of("l", ""));
        Sample good = sample("good", 1, 1, Map.of());
        Map<SinkRecord, String> failed = writer.write(List.of(bad, good));
        assertEquals(1, failed.size());
        assertTrue(failed.get(bad.record()).contains("Couldn't parse LABELS"), failed.toString());
        assertNotNull(server.series("good"));
    }

    @Test
    void connectionFailuresAreThrownForTheCallerToRetry() {
        try (RedisClient unreachable = RedisClient.create("127.0.0.1", 1)) {
            SeriesWriter writer = new SeriesWriter(unreachable, series(Map.of()), new SlotGrouper(false), metrics);
            assertThrows(JedisConnectionException.class, () -> writer.write(List.of(sample("k", 1, 1, Map.of()))));
        }
    }

    private SeriesWriter writer(Map<String, String> props) {
        return new SeriesWriter(client, series(props), new SlotGrouper(false), metrics);
    }

    static SeriesConfig series(Map<String, String> props) {
        Map<String, String> all = new HashMap<>(props);
        all.put("redis.hosts", "localhost:6379");
        return new RedisTimeSeriesSinkConfig(all).series();
    }

    private static long offset;

    static Sample sample(String key, long ts, double value, Map<String, String> labels) {
        return new Sample(key, ts, value, labels, new SinkRecord("t", 0, null, null, null, value, offset++));
    }
}
