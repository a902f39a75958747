package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.timeseries.TSInfo;

/**
 * The same server contract as {@link StandInContractTest}, and the writer, against a real Redis 8 (time series
 * built in). Runs only where Docker is available; the stand-in tests cover the same behaviour everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Redis8ContainerIT extends TimeSeriesServerContract {
    @Container
    private final GenericContainer<?> redis = new GenericContainer<>("redis:8").withExposedPorts(6379);
    private RedisClient client;

    @BeforeAll
    void connect() {
        client = RedisClient.create(redis.getHost(), redis.getMappedPort(6379));
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected UnifiedJedis client() {
        return client;
    }

    @Test
    void theWriterCreatesSeriesAndMapsRejectionsOnRealRedis() {
        SeriesWriter writer = new SeriesWriter(client, SeriesWriterTest.series(Map.of("ts.duplicate.policy", "block",
            "ts.retention.ms", "60000")), new SlotGrouper(false), new SinkMetrics());
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            samples.add(SeriesWriterTest.sample("real:" + (i % 3), 1_000_000 + i, i, Map.of("k", "v" + (i % 3))));
        }
        Sample duplicate = SeriesWriterTest.sample("real:0", 1_000_000, 9, Map.of());
        samples.add(duplicate);
        Map<SinkRecord, String> failed = writer.write(samples);
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(duplicate.record()).contains("Error at upsert"), failed.toString());
        TSInfo info = client.tsInfo("real:1");
        assertEquals(500L, info.getProperty("totalSamples"));
        assertEquals(Map.of("k", "v1"), info.getLabels());
        assertEquals(60000L, info.getProperty("retentionTime"));
    }
}
