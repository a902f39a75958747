package io.tsconnect.redis;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.common.record.FieldPath;
import io.tsconnect.redis.config.TimestampSource;
import io.tsconnect.redis.config.TimestampUnit;

/** Reads a record's sample timestamp, in epoch milliseconds, from a field, the record, or leaves it to the server. */
public final class TimestampExtractor {
    private final TimestampSource source;
    private final FieldPath field;
    private final TimestampUnit unit;

    public TimestampExtractor(TimestampSource source, String field, TimestampUnit unit) {
        this.source = source;
        this.field = source == TimestampSource.FIELD ? FieldPath.parse(field) : null;
        this.unit = unit;
    }

    /**
     * @param record the record
     * @param container where the timestamp field is looked up (the value, or a Telegraf metric)
     * @return epoch milliseconds, or {@code null} for the server's clock
     * @throws MappingException when the timestamp is missing, unparseable or negative
     */
    public Long extract(SinkRecord record, Object container) {
        Long millis;
        switch (source) {
            case SERVER:
                return null;
            case RECORD:
                millis = record.timestamp();
                if (millis == null) {
                    throw new MappingException("The record has no timestamp (ts.timestamp.source=record)", false);
                }
                break;
            default:
                millis = fromField(field.get(container));
        }
        if (millis < 0) {
            throw new MappingException("Timestamp " + millis + " is before 1970; RedisTimeSeries rejects negative "
                + "timestamps", false);
        }
        return millis;
    }

    private long fromField(Object raw) {
        if (raw == null) {
            throw new MappingException("No timestamp in field '" + field + "'", false);
        }
        if (raw instanceof Date date) {
            return date.getTime();
        }
        if (raw instanceof Number number) {
            return toMillis(number);
        }
        String text = raw.toString().trim();
        try {
            return toMillis(new java.math.BigDecimal(text));
        } catch (NumberFormatException notNumeric) {
            return parseIso(text);
        }
    }

    private long toMillis(Number number) {
        double v = number.doubleValue();
        TimestampUnit u = unit == TimestampUnit.AUTO ? detect(Math.abs(v)) : unit;
        switch (u) {
            case SECONDS:
                return Math.round(v * 1000d);
            case MICROSECONDS:
                return number.longValue() / 1000L;
            case NANOSECONDS:
                return number.longValue() / 1_000_000L;
            default:
                return number instanceof Double || number instanceof Float ? Math.round(v) : number.longValue();
        }
    }

    /** Picks the unit by magnitude: today is ~1.7e9 s, ~1.7e12 ms, ~1.7e15 µs, ~1.7e18 ns. */
    static TimestampUnit detect(double magnitude) {
        if (magnitude < 1e11) {
            return TimestampUnit.SECONDS;
        }
        if (magnitude < 1e14) {
            return TimestampUnit.MILLISECONDS;
        }
        return magnitude < 1e17 ? TimestampUnit.MICROSECONDS : TimestampUnit.NANOSECONDS;
    }

    private long parseIso(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                try {
                    return ZonedDateTime.parse(text).toInstant().toEpochMilli();
                } catch (DateTimeParseException e3) {
                    throw new MappingException("Timestamp '" + text + "' in field '" + field + "' is neither a "
                        + "number nor ISO-8601 with an offset", false);
                }
            }
        }
    }
}
