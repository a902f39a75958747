package io.tsconnect.testsupport.redis;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code redis://[user:password@]host[:port][/db]} (or {@code rediss://}) URL as the RedisTimeSeries sink's
 * connection settings, read as Redis clients read it: the quickstart's and the benchmarks' {@code --redis-url}.
 */
public final class RedisUrls {
    private RedisUrls() {
    }

    /** redis.hosts, and redis.user, redis.password, redis.tls.enabled and redis.database when the URL has them. */
    public static Map<String, String> sinkSettings(URI url) {
        Map<String, String> settings = new HashMap<>();
        settings.put("redis.hosts", url.getHost() + ":" + (url.getPort() > 0 ? url.getPort() : 6379));
        String userInfo = url.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon > 0) {
                settings.put("redis.user", userInfo.substring(0, colon));
            }
            settings.put("redis.password", colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
        }
        if ("rediss".equals(url.getScheme())) {
            settings.put("redis.tls.enabled", "true");
        }
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            // redis://host:port/3 names database 3; Connect rejects a path that is not a number.
            settings.put("redis.database", path.substring(1));
        }
        return settings;
    }
}
