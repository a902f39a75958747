package io.tsconnect.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.JedisClusterHashTag;

/**
 * Splits samples into TS.MADD batches of at most a given size. In a cluster every batch holds keys of one hash
 * slot only, because a cluster refuses a command whose keys span slots; the order of samples within a slot (and
 * so within a series) is kept.
 */
public final class SlotGrouper {
    private static final int SLOTS = 16384;
    private final boolean cluster;

    public SlotGrouper(boolean cluster) {
        this.cluster = cluster;
    }

    /** The hash slot of {@code key}: CRC16 of its hash tag (the part in the first {@code {…}}) mod 16384. */
    public static int slot(String key) {
        return JedisClusterCRC16.getCRC16(JedisClusterHashTag.getHashTag(key)) & (SLOTS - 1);
    }

    /** {@code samples} cut into batches of at most {@code max}, one slot per batch in cluster mode. */
    public List<List<Sample>> batches(List<Sample> samples, int max) {
        if (!cluster) {
            return chunks(samples, max);
        }
        Map<Integer, List<Sample>> bySlot = new LinkedHashMap<>();
        for (Sample s : samples) {
            bySlot.computeIfAbsent(slot(s.key()), k -> new ArrayList<>()).add(s);
        }
        List<List<Sample>> batches = new ArrayList<>();
        bySlot.values().forEach(group -> batches.addAll(chunks(group, max)));
        return batches;
    }

    private static List<List<Sample>> chunks(List<Sample> samples, int max) {
        List<List<Sample>> out = new ArrayList<>((samples.size() + max - 1) / max);
        for (int i = 0; i < samples.size(); i += max) {
            out.add(samples.subList(i, Math.min(samples.size(), i + max)));
        }
        return out;
    }
}
