package io.tsconnect.faults.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;
import io.tsconnect.testsupport.redis.TimeSeriesStore;

/**
 * {@link SinkFaultSuite} for the RedisTimeSeries sink against the RESP stand-in, which is stopped (every connection
 * dropped) and started again on the same port with its data mid-stream.
 *
 * <p>Duplicates are made visible without a proxy: the {@code sum:} series are created with DUPLICATE_POLICY SUM and
 * every record writes the value 1, so a sample's value is the number of times it was delivered. The {@code last:}
 * series use DUPLICATE_POLICY LAST (the connector's default) with the record id as value: each record must be one
 * sample at its own timestamp holding its id, and no other sample may exist.
 */
class RedisTimeSeriesSinkFaultIT extends SinkFaultSuite {
    private RedisTimeSeriesStandIn redis;

    @Override
    String system() {
        return "redis";
    }

    @Override
    String pluginModule() {
        return "redis-timeseries-sink-connector";
    }

    @Override
    String metricsType() {
        return "redis-timeseries-task";
    }

    @Override
    void startExternal() {
        redis = RedisTimeSeriesStandIn.standalone().start();
    }

    @Override
    void closeExternal() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    Map<String, Map<String, String>> connectors() {
        Map<String, String> common = Map.of(
            "connector.class", "io.tsconnect.redis.RedisTimeSeriesSinkConnector",
            "redis.hosts", redis.hostPort(),
            "redis.socket.timeout.ms", "2000",
            "ts.labels", "device",
            "ts.timestamp.source", "field",
            "ts.timestamp.field", "timestamp",
            "ts.timestamp.unit", "milliseconds");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> sum = new LinkedHashMap<>(common);
        sum.put("ts.key.template", "sum:${device}");
        sum.put("ts.value.field", "one");
        sum.put("ts.duplicate.policy", "sum");
        out.put("redis-sum", sum);
        Map<String, String> last = new LinkedHashMap<>(common);
        last.put("ts.key.template", "last:${device}");
        last.put("ts.value.field", "id");
        last.put("ts.duplicate.policy", "last");
        out.put("redis-last", last);
        return out;
    }

    @Override
    long landed() {
        return redis.keys().stream().filter(k -> k.startsWith("last:")).map(redis::series)
            .mapToLong(s -> s.samples().size()).sum();
    }

    @Override
    void cutExternal() {
        redis.stop();
    }

    @Override
    void restoreExternal() {
        redis.start();
    }

    @Override
    List<Delivery> deliveries() {
        long sumDeliveries = 0;
        Set<Long> sumIds = new HashSet<>();
        long lastSamples = 0;
        Set<Long> lastIds = new HashSet<>();
        for (String key : redis.keys()) {
            TimeSeriesStore.Series series = redis.series(key);
            boolean isSum = key.startsWith("sum:");
            assertEquals(isSum ? "SUM" : "LAST", series.duplicatePolicy(), key);
            for (Map.Entry<Long, Double> sample : series.samples().entrySet()) {
                long id = sample.getKey() - T0;
                if (isSum) {
                    sumIds.add(id);
                    sumDeliveries += sample.getValue().longValue();
                } else {
                    assertEquals((double) id, sample.getValue(), key + " sample at " + sample.getKey());
                    assertEquals("last:d" + (id % 8), key, "sample " + id + " in the wrong series");
                    lastIds.add(id);
                    lastSamples++;
                }
            }
        }
        return List.of(new Delivery("sum series (deliveries per sample)", false, sumDeliveries, sumIds),
            new Delivery("last series (DUPLICATE_POLICY LAST)", true, lastSamples, lastIds));
    }
}
