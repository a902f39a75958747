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
 *
 * <p>A series is also found by the key template's values themselves ({@link #byValues}), without rendering its
 * key: a direct-mapped table where a clash replaces the entry. Strings, integers, doubles and booleans match by
 * value (equal ones render the same text; on the JSON fast path they are even the same instances record after
 * record, see FlatJsonObject); any other value only by identity.
 */
final class SeriesKeys {
    static final int MAX_SERIES = 100_000;
    private static final int VALUE_SLOTS = 4096;
    private final Map<String, Series> byKey = new HashMap<>();
    private final Object[][] slotValues = new Object[VALUE_SLOTS][];
    private final Series[] slotSeries = new Series[VALUE_SLOTS];

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

    /** The series last remembered for these values (equal plain values, or the same other instances), or null. */
    Series byValues(Object[] values) {
        int slot = slot(values);
        Object[] seen = slotValues[slot];
        if (seen == null) {
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            if (seen[i] != values[i] && !(isPlain(values[i]) && values[i].equals(seen[i]))) {
                return null;
            }
        }
        return slotSeries[slot];
    }

    /** Remembers that the key template named {@code series} from these values. */
    void rememberValues(Object[] values, Series series) {
        int slot = slot(values);
        slotValues[slot] = values.clone();
        slotSeries[slot] = series;
    }

    private static int slot(Object[] values) {
        int hash = 1;
        for (Object value : values) {
            hash = 31 * hash + (isPlain(value) ? value.hashCode() : System.identityHashCode(value));
        }
        return (hash ^ (hash >>> 16)) & (VALUE_SLOTS - 1);
    }

    /** A value whose equal instances render the same key text (unlike, say, maps with their entries reordered). */
    private static boolean isPlain(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Integer
            || value instanceof Double || value instanceof Boolean;
    }
}
