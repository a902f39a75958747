package io.tsconnect.redis;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The server contract of {@link StandInContractTest} against the real RedisTimeSeries given with
 * {@code -Dredis.url=redis://[user:password@]host:port[/db]} (e.g. Debian's redis-server with the module built by
 * {@code build-redistimeseries.sh}); skipped when the property is unset. The database of the URL is flushed before
 * every test: point it at a throwaway server.
 */
@EnabledIfSystemProperty(named = RedisUrlContractIT.PROPERTY, matches = ".+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisUrlContractIT extends TimeSeriesServerContract {
    /** The system property naming a real server. */
    static final String PROPERTY = "redis.url";
    private RedisClient client;

    @BeforeAll
    void connect() {
        client = RedisClient.create(URI.create(System.getProperty(PROPERTY)));
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
}
