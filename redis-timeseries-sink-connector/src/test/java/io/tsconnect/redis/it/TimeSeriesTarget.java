package io.tsconnect.redis.it;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSInfo;

import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;
import io.tsconnect.testsupport.redis.TimeSeriesStore;

/**
 * The server the sink ITs write to and read back from: the in-process stand-in, or, with
 * {@code -Dredis.url=redis://[user:password@]host:port[/db]}, a real RedisTimeSeries (whose database is flushed
 * before each test: point it at a throwaway server). A real server given by URL cannot be restarted by the test.
 */
abstract class TimeSeriesTarget implements AutoCloseable {
    @Override
    public abstract void close();

    static final String URL_PROPERTY = "redis.url";

    /** The real server when {@code redis.url} is set, else a started stand-in that requires {@code password}. */
    static TimeSeriesTarget start(String password) {
        String url = System.getProperty(URL_PROPERTY, "");
        return url.isBlank() ? new StandIn(RedisTimeSeriesStandIn.standalone().requirePassword(password).start(),
            password) : new Real(URI.create(url));
    }

    /** The connector keys that reach this server. */
    abstract Map<String, String> connection();

    /** The time series keys, sorted. */
    abstract List<String> keys();

    /** The samples of {@code key}, by timestamp (empty when it does not exist). */
    abstract NavigableMap<Long, Double> samples(String key);

    abstract Map<String, String> labels(String key);

    abstract long retention(String key);

    /** The series' DUPLICATE_POLICY in upper case. */
    abstract String duplicatePolicy(String key);

    /** How often {@code command} (e.g. TS.MADD) was received since this test began. */
    abstract long commandCount(String command);

    /** Whether {@link #stop()} and {@link #restart()} work (a real server given by URL is not ours to stop). */
    abstract boolean restartable();

    abstract void stop();

    abstract void restart();

    long totalSamples() {
        return keys().stream().mapToLong(k -> samples(k).size()).sum();
    }

    /** The in-process stand-in. */
    private static final class StandIn extends TimeSeriesTarget {
        private final RedisTimeSeriesStandIn server;
        private final String password;

        StandIn(RedisTimeSeriesStandIn server, String password) {
            this.server = server;
            this.password = password;
        }

        @Override
        Map<String, String> connection() {
            return Map.of("redis.hosts", server.hostPort(), "redis.password", password);
        }

        @Override
        List<String> keys() {
            return server.keys().stream().filter(k -> server.series(k) != null).toList();
        }

        @Override
        NavigableMap<Long, Double> samples(String key) {
            return server.samples(key);
        }

        @Override
        Map<String, String> labels(String key) {
            return series(key).labels();
        }

        @Override
        long retention(String key) {
            return series(key).retention();
        }

        @Override
        String duplicatePolicy(String key) {
            String policy = series(key).duplicatePolicy();
            return policy == null ? "BLOCK" : policy;
        }

        private TimeSeriesStore.Series series(String key) {
            TimeSeriesStore.Series series = server.series(key);
            if (series == null) {
                throw new AssertionError("No series " + key + " in " + server.keys());
            }
            return series;
        }

        @Override
        long commandCount(String command) {
            return server.commandCount(command);
        }

        @Override
        boolean restartable() {
            return true;
        }

        @Override
        void stop() {
            server.stop();
        }

        @Override
        void restart() {
            server.start();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** A real server given by URL. */
    private static final class Real extends TimeSeriesTarget {
        private final URI url;
        private final RedisClient client;

        Real(URI url) {
            this.url = url;
            this.client = RedisClient.create(url);
            client.flushDB();
            client.sendCommand(redis.clients.jedis.Protocol.Command.CONFIG, "RESETSTAT");
        }

        @Override
        Map<String, String> connection() {
            Map<String, String> out = new HashMap<>();
            out.put("redis.hosts", url.getHost() + ":" + url.getPort());
            String path = url.getPath() == null ? "" : url.getPath().replace("/", "");
            if (!path.isEmpty()) {
                out.put("redis.database", path);
            }
            String userInfo = url.getUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                if (colon > 0) {
                    out.put("redis.user", userInfo.substring(0, colon));
                }
                out.put("redis.password", userInfo.substring(colon + 1));
            }
            return out;
        }

        @Override
        List<String> keys() {
            List<String> keys = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, new ScanParams().count(1000), "TSDB-TYPE");
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            return keys.stream().sorted().toList();
        }

        @Override
        NavigableMap<Long, Double> samples(String key) {
            NavigableMap<Long, Double> out = new TreeMap<>();
            if (client.exists(key)) {
                for (TSElement e : client.tsRange(key, 0, Long.MAX_VALUE)) {
                    out.put(e.getTimestamp(), e.getValue());
                }
            }
            return out;
        }

        @Override
        Map<String, String> labels(String key) {
            return client.tsInfo(key).getLabels();
        }

        @Override
        long retention(String key) {
            return (Long) client.tsInfo(key).getProperty("retentionTime");
        }

        @Override
        String duplicatePolicy(String key) {
            TSInfo info = client.tsInfo(key);
            return String.valueOf(info.getProperty("duplicatePolicy")).toUpperCase(Locale.ROOT);
        }

        @Override
        long commandCount(String command) {
            String stats = client.info("commandstats");
            String prefix = "cmdstat_" + command.toLowerCase(Locale.ROOT) + ":calls=";
            for (String line : stats.split("\r?\n")) {
                if (line.startsWith(prefix)) {
                    return Long.parseLong(line.substring(prefix.length(), line.indexOf(',')));
                }
            }
            return 0;
        }

        @Override
        boolean restartable() {
            return false;
        }

        @Override
        void stop() {
            throw new UnsupportedOperationException("A server given by -D" + URL_PROPERTY + " is not restarted");
        }

        @Override
        void restart() {
            stop();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
