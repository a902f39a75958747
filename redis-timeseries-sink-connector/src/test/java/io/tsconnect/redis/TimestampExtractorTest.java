package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Date;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.tsconnect.redis.config.TimestampSource;
import io.tsconnect.redis.config.TimestampUnit;

class TimestampExtractorTest {
    private static final long MS = 1_700_000_000_123L;
    private final SinkRecord record = new SinkRecord("t", 0, null, null, null, null, 0);

    @Test
    void detectsEpochUnitsByMagnitude() {
        TimestampExtractor auto = new TimestampExtractor(TimestampSource.FIELD, "ts", TimestampUnit.AUTO);
        assertEquals(MS, at(auto, 1_700_000_000.123));
        assertEquals(MS, at(auto, MS));
        assertEquals(MS, at(auto, MS * 1000 + 456));
        assertEquals(MS, at(auto, MS * 1_000_000 + 456_789));
        assertEquals(MS, at(auto, String.valueOf(MS)));
    }

    @Test
    void declaredUnitsWin() {
        assertEquals(5000L, at(new TimestampExtractor(TimestampSource.FIELD, "ts", TimestampUnit.SECONDS), 5));
        assertEquals(5L, at(new TimestampExtractor(TimestampSource.FIELD, "ts", TimestampUnit.MILLISECONDS), 5));
        assertEquals(5L, at(new TimestampExtractor(TimestampSource.FIELD, "ts", TimestampUnit.MICROSECONDS), 5000));
        assertEquals(5L, at(new TimestampExtractor(TimestampSource.FIELD, "ts", TimestampUnit.NANOSECONDS), 5_000_000));
    }

    @Test
    void parsesIsoStringsAndConnectTimestamps() {
        TimestampExtractor auto = new TimestampExtractor(TimestampSource.FIELD, "ts", TimestampUnit.AUTO);
        assertEquals(MS, at(auto, "2023-11-14T22:13:20.123Z"));
        assertEquals(MS, at(auto, "2023-11-15T00:13:20.123+02:00"));
        assertEquals(MS, at(auto, new Date(MS)));
        assertThrows(MappingException.class, () -> at(auto, "yesterday"));
        assertThrows(MappingException.class, () -> at(auto, "2023-11-14T22:13:20"));
    }

    private long at(TimestampExtractor extractor, Object value) {
        return extractor.extract(record, Map.of("ts", value));
    }
}
