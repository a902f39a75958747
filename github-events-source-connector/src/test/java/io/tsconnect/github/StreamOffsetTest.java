package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;

class StreamOffsetTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void roundTripsThroughTheOffsetMapAsStoredByTheJsonConverter() {
        StreamOffset offset = StreamOffset.EMPTY.plus("50000000001", T).plus("50000000003", T.plusSeconds(1))
            .plus("50000000002", T.plusSeconds(1));
        Map<String, Object> map = offset.toMap();
        assertEquals("50000000003", map.get(StreamOffset.NEWEST_ID));
        assertEquals(T.plusSeconds(1).toEpochMilli(), map.get(StreamOffset.NEWEST_CREATED_AT));
        assertEquals("50000000001,50000000003,50000000002", map.get(StreamOffset.RECENT_IDS));
        // What Connect's offset writer demands: primitive values only.
        OffsetUtils.validateFormat(map);
        assertEquals(offset, StreamOffset.fromMap(map));
        assertEquals(StreamOffset.EMPTY, StreamOffset.fromMap(null));
    }

    @Test
    void newestIsByCreatedAtThenNumericIdNotByArrivalOrStringOrder() {
        StreamOffset offset = StreamOffset.EMPTY.plus("999", T.plusSeconds(5)).plus("1000", T.plusSeconds(5))
            .plus("2000", T);
        assertEquals("1000", offset.newestId());
        assertEquals(T.plusSeconds(5), offset.newestCreatedAt());
    }

    @Test
    void keepsTheLast300EmittedIds() {
        StreamOffset offset = StreamOffset.EMPTY;
        for (int i = 0; i < 350; i++) {
            offset = offset.plus(Long.toString(40_000_000_000L + i), T.plusSeconds(i));
        }
        assertEquals(300, offset.recentIds().size());
        assertFalse(offset.hasEmitted("40000000049"));
        assertTrue(offset.hasEmitted("40000000050"));
        assertTrue(offset.hasEmitted("40000000349"));
        Map<String, Object> full = offset.toMap();
        OffsetUtils.validateFormat(full);
        assertEquals(offset, StreamOffset.fromMap(full));
        // 300 ids of 11 digits: a few KB per stream, written once per offset flush.
        assertTrue(((String) full.get(StreamOffset.RECENT_IDS)).length() < 3600);
    }

    @Test
    void lateWindowIsMeasuredFromTheNewestEmittedEvent() {
        StreamOffset offset = StreamOffset.EMPTY.plus("1", T);
        Duration window = Duration.ofHours(1);
        assertFalse(offset.isBeyondLateWindow(T.minus(Duration.ofMinutes(59)), window));
        assertTrue(offset.isBeyondLateWindow(T.minus(Duration.ofMinutes(61)), window));
        assertTrue(offset.isOlderThanNewest(T.minusSeconds(1)));
        assertFalse(offset.isOlderThanNewest(T));
        assertFalse(StreamOffset.EMPTY.isBeyondLateWindow(Instant.EPOCH, window));
    }

    @Test
    void rejectsMalformedOffsetsNamingTheField() {
        Map<String, Object> noId = new HashMap<>(Map.of(StreamOffset.NEWEST_CREATED_AT, 1L));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StreamOffset.fromMap(noId)).getMessage()
            .contains(StreamOffset.NEWEST_ID));
        Map<String, Object> textTime = Map.of(StreamOffset.NEWEST_ID, "1", StreamOffset.NEWEST_CREATED_AT, "today");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StreamOffset.fromMap(textTime)).getMessage()
            .contains(StreamOffset.NEWEST_CREATED_AT));
        List<Object> ids = new ArrayList<>(List.of("1", "2"));
        Map<String, Object> badIds = Map.of(StreamOffset.NEWEST_ID, "1", StreamOffset.NEWEST_CREATED_AT, 1L,
            StreamOffset.RECENT_IDS, ids);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StreamOffset.fromMap(badIds)).getMessage()
            .contains(StreamOffset.RECENT_IDS));
    }

    @Test
    void aStoredNewestIdCountsAsEmittedEvenWithoutTheIdList() {
        StreamOffset offset = StreamOffset.fromMap(Map.of(StreamOffset.NEWEST_ID, "7",
            StreamOffset.NEWEST_CREATED_AT, T.toEpochMilli()));
        assertTrue(offset.hasEmitted("7"));
    }
}
