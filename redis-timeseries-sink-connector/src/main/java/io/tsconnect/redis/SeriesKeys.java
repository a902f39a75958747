package io.tsconnect.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.args.RawableFactory;

/**
 * The series a mapper has named, each with its key encoded once as a command argument and its labels worked out
 * from the first record that named it: labels only matter when the series is created, so the records after it
 * skip them. Bounded (cleared when full, then rebuilt as records come). Not thread-safe: one per mapper.
 */
final class SeriesKeys {
    static final int MAX_SERIES = 100_000;
    private final Map<String, Series> byKey = new HashMap<>();

    /** One series: the key, as text and as a command argument, and the labels it is created with. */
    record Series(String key, Rawable arg, Map<String, String> labels) {
    }

    /** The series named {@code key}; {@code labels} is asked only the first time (and may throw). */
    Series get(String key, Supplier<Map<String, String>> labels) {
        Series series = byKey.get(key);
        if (series == null) {
            if (byKey.size() >= MAX_SERIES) {
                byKey.clear();
            }
            series = new Series(key, RawableFactory.from(key), labels.get());
            byKey.put(key, series);
        }
        return series;
    }
}
