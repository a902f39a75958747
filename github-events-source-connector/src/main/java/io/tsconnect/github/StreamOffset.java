package io.tsconnect.github;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a stream has emitted, stored as its source offset: the newest event (id and {@code created_at}) and the
 * ids of the last {@value #MAX_RECENT} emitted events, the size of the API's whole window. Ids are not monotonic,
 * so "newest id" alone could neither de-duplicate nor find late events; the id set does both.
 *
 * <p>Immutable: {@link #plus} returns a new offset, which becomes the offset of the record just emitted.
 */
public final class StreamOffset {
    /** How many emitted ids are kept: the events API never returns more than 300 events of a stream. */
    public static final int MAX_RECENT = 300;
    public static final String NEWEST_ID = "newest_id";
    public static final String NEWEST_CREATED_AT = "newest_created_at";
    public static final String RECENT_IDS = "recent_ids";
    /** An offset for a stream that has emitted nothing. */
    public static final StreamOffset EMPTY = new StreamOffset(null, null, new LinkedHashSet<>());

    private final String newestId;
    private final Instant newestCreatedAt;
    private final LinkedHashSet<String> recentIds;

    private StreamOffset(String newestId, Instant newestCreatedAt, LinkedHashSet<String> recentIds) {
        this.newestId = newestId;
        this.newestCreatedAt = newestCreatedAt;
        this.recentIds = recentIds;
    }

    /** An offset from its parts; {@code recentIds} oldest emitted first, trimmed to the last {@value #MAX_RECENT}. */
    public static StreamOffset of(String newestId, Instant newestCreatedAt, Collection<String> recentIds) {
        LinkedHashSet<String> ids = new LinkedHashSet<>(recentIds);
        trim(ids);
        return new StreamOffset(newestId, newestCreatedAt, ids);
    }

    /** True when nothing was emitted on the stream yet. */
    public boolean isEmpty() {
        return newestCreatedAt == null;
    }

    /** True when event {@code id} is among the recently emitted ones. */
    public boolean hasEmitted(String id) {
        return recentIds.contains(id);
    }

    /**
     * True when an event created at {@code createdAt} is older than the late-event window allows: it is taken to
     * be emitted already (or hopelessly late) and is skipped.
     */
    public boolean isBeyondLateWindow(Instant createdAt, Duration lateWindow) {
        return !isEmpty() && createdAt.isBefore(newestCreatedAt.minus(lateWindow));
    }

    /** True when an event created at {@code createdAt} is older than the newest emitted one. */
    public boolean isOlderThanNewest(Instant createdAt) {
        return !isEmpty() && createdAt.isBefore(newestCreatedAt);
    }

    /** The offset after also emitting event {@code id} created at {@code createdAt}. */
    public StreamOffset plus(String id, Instant createdAt) {
        LinkedHashSet<String> ids = new LinkedHashSet<>(recentIds);
        ids.remove(id);
        ids.add(id);
        trim(ids);
        boolean newer = isEmpty() || EventFields.compare(createdAt, id, newestCreatedAt, newestId) > 0;
        return newer ? new StreamOffset(id, createdAt, ids) : new StreamOffset(newestId, newestCreatedAt, ids);
    }

    /**
     * The source offset map: ids as strings, {@code created_at} as epoch milliseconds, the recent ids as one
     * comma-separated string (Connect offsets hold primitive values only).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(NEWEST_ID, newestId);
        map.put(NEWEST_CREATED_AT, newestCreatedAt == null ? null : newestCreatedAt.toEpochMilli());
        map.put(RECENT_IDS, String.join(",", recentIds));
        return map;
    }

    /**
     * Reads a stored offset; {@code null} reads as {@link #EMPTY}.
     *
     * @throws IllegalArgumentException saying which field is wrong, for {@code alterOffsets} and corrupt offsets
     */
    public static StreamOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            return EMPTY;
        }
        Object id = map.get(NEWEST_ID);
        Object created = map.get(NEWEST_CREATED_AT);
        Object recent = map.get(RECENT_IDS);
        if (!(id instanceof String) || ((String) id).isBlank()) {
            throw new IllegalArgumentException(NEWEST_ID + " must be a non-empty string, got " + id);
        }
        if (!(created instanceof Number)) {
            throw new IllegalArgumentException(NEWEST_CREATED_AT + " must be epoch milliseconds, got " + created);
        }
        List<String> ids = new ArrayList<>();
        if (recent != null) {
            if (!(recent instanceof String text)) {
                throw new IllegalArgumentException(RECENT_IDS + " must be a string of comma-separated ids, got "
                    + recent);
            }
            for (String recentId : text.split(",")) {
                if (!recentId.isBlank()) {
                    ids.add(recentId.trim());
                }
            }
        }
        if (!ids.contains(id)) {
            ids.add((String) id);
        }
        return of((String) id, Instant.ofEpochMilli(((Number) created).longValue()), ids);
    }

    public String newestId() {
        return newestId;
    }

    public Instant newestCreatedAt() {
        return newestCreatedAt;
    }

    /** The recently emitted ids, oldest emitted first. */
    public Set<String> recentIds() {
        return java.util.Collections.unmodifiableSet(recentIds);
    }

    private static void trim(LinkedHashSet<String> ids) {
        Iterator<String> it = ids.iterator();
        for (int excess = ids.size() - MAX_RECENT; excess > 0; excess--) {
            it.next();
            it.remove();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamOffset other && java.util.Objects.equals(newestId, other.newestId)
            && java.util.Objects.equals(newestCreatedAt, other.newestCreatedAt)
            && new ArrayList<>(recentIds).equals(new ArrayList<>(other.recentIds));
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(newestId, newestCreatedAt, recentIds);
    }

    @Override
    public String toString() {
        return "StreamOffset{newest=" + newestId + "@" + newestCreatedAt + ", recent=" + recentIds.size() + "}";
    }
}
