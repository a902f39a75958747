package io.tsconnect.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;

/** The stand-in server answers like RedisTimeSeries to a plain Jedis client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandInContractTest extends TimeSeriesServerContract {
    private RedisTimeSeriesStandIn server;
    private RedisClient client;

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

    @Override
    protected UnifiedJedis client() {
        return client;
    }
}
