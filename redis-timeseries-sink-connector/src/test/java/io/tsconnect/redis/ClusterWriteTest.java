package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.UnifiedJedis;

import io.tsconnect.redis.config.RedisConnectionConfig;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;

/**
 * Cluster mode through Jedis' cluster client against a stand-in that, like a cluster node, refuses TS.MADD
 * across hash slots: the writer's slot grouping makes every batch acceptable.
 */
class ClusterWriteTest {
    private RedisTimeSeriesStandIn server;
    private UnifiedJedis client;

    @BeforeEach
    void start() {
        server = RedisTimeSeriesStandIn.cluster().start();
        Map<String, String> props = new HashMap<>(Map.of("redis.hosts", server.hostPort(), "redis.mode", "cluster"));
        client = RedisClients.create(RedisConnectionConfig.from(new RedisTimeSeriesSinkConfig(props)));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void samplesOfManySlotsAreWrittenInOneSlotPerTsMadd() {
        SeriesWriter writer = new SeriesWriter(client, SeriesWriterTest.series(Map.of("ts.batch.size", "100")),
            new SlotGrouper(true), new SinkMetrics());
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            samples.add(SeriesWriterTest.sample("sensor:" + (i % 40), i, i, Map.of("n", "v")));
        }
        Map<SinkRecord, String> failed = writer.write(samples);
        assertTrue(failed.isEmpty(), failed.toString());
        assertEquals(40, server.keys().size());
        assertEquals(50, server.series("sensor:7").samples().size());
        assertTrue(server.commandCount("TS.MADD") >= 40, "at least one TS.MADD per slot");
    }
}
