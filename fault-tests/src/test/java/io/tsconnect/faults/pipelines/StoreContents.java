package io.tsconnect.faults.pipelines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;

/**
 * What a store holds, counted the way a user counts it: entries, distinct natural keys, and entries that match no
 * produced event (a wrong value or series). {@code ids} maps each natural key to the number of entries holding it.
 */
record StoreContents(String store, Map<String, Integer> ids, List<String> foreign) {
    /** Entries in the store. */
    long entries() {
        return ids.values().stream().mapToLong(Integer::longValue).sum();
    }

    long distinct() {
        return ids.size();
    }

    long duplicates() {
        return entries() - distinct();
    }

    /** The produced keys the store does not hold, at most 20 of them. */
    Set<String> missing(Iterable<String> produced) {
        Set<String> out = new TreeSet<>();
        for (String id : produced) {
            if (!ids.containsKey(id) && out.add(id) && out.size() == 20) {
                break;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("%s: %d entries, %d distinct, %d duplicates%s", store, entries(), distinct(),
            duplicates(), foreign.isEmpty() ? "" : ", foreign " + foreign.subList(0, Math.min(5, foreign.size())));
    }

    /** Every row of a QuestDB table of readings ({@code device_readings}), keyed by reading number. */
    static StoreContents readings(EmbeddedQuestDb db, String table, Readings readings) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> foreign = new ArrayList<>();
        if (db.rowCount(table) > 0) {
            for (Map<String, Object> row : db.query("SELECT cast(timestamp AS long) / 1000 ts, metric, location, "
                + "device, value FROM " + table)) {
                int n = readings.number(((Number) row.get("ts")).longValue(), (String) row.get("metric"),
                    (String) row.get("location"), (String) row.get("device"));
                if (((Number) row.get("value")).doubleValue() != Readings.value(n)) {
                    foreign.add(row.toString());
                }
                ids.merge(String.valueOf(n), 1, Integer::sum);
            }
        }
        return new StoreContents("QuestDB " + table, ids, foreign);
    }

    /** Every sample of every RedisTimeSeries series, keyed by reading number (from the sample's value). */
    static StoreContents samples(RedisTimeSeriesStandIn redis, Readings readings) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> foreign = new ArrayList<>();
        for (String key : redis.keys()) {
            redis.samples(key).forEach((ts, value) -> {
                int n = (int) Math.floor(value);
                if (!key.equals(Readings.seriesKey(n)) || ts != readings.timestamp(n)) {
                    foreign.add(key + "@" + ts + "=" + value);
                }
                ids.merge(String.valueOf(n), 1, Integer::sum);
            });
        }
        return new StoreContents("RedisTimeSeries samples", ids, foreign);
    }

    /** Every row of a QuestDB table of GitHub events ({@code github_events}), keyed by event id. */
    static StoreContents events(EmbeddedQuestDb db, String table) {
        Map<String, Integer> ids = new HashMap<>();
        if (db.rowCount(table) > 0) {
            for (Map<String, Object> row : db.query("SELECT id FROM " + table)) {
                ids.merge(String.valueOf(row.get("id")), 1, Integer::sum);
            }
        }
        return new StoreContents("QuestDB " + table, ids, List.of());
    }
}
