package io.tsconnect.testsupport.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RedisUrlsTest {
    @Test
    void aPasswordAloneIsThePasswordOfTheDefaultUser() {
        assertEquals(Map.of("redis.hosts", "cache:6379", "redis.password", "s3cret"),
            RedisUrls.sinkSettings(URI.create("redis://:s3cret@cache")));
    }

    @Test
    void theRedisUrlGivesHostPortCredentialsTlsAndDatabase() {
        assertEquals(Map.of("redis.hosts", "cache:6380", "redis.user", "app", "redis.password", "s3cret",
            "redis.tls.enabled", "true", "redis.database", "3"),
            RedisUrls.sinkSettings(URI.create("rediss://app:s3cret@cache:6380/3")));
    }

    @Test
    void withoutAPathOrPortTheSinkUsesDatabaseZeroOnTheDefaultPort() {
        assertEquals(Map.of("redis.hosts", "localhost:6379"), RedisUrls.sinkSettings(URI.create("redis://localhost")));
        assertEquals(Map.of("redis.hosts", "localhost:6379"), RedisUrls.sinkSettings(URI.create("redis://localhost/")));
    }
}
