package io.tsconnect.questdb;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.common.record.FieldPath;
import io.tsconnect.questdb.config.TimestampSource;
import io.tsconnect.questdb.config.TimestampUnit;

/**
 * Finds a record's designated timestamp: in a field (numbers with units, Connect Timestamp/Date, strings with a
 * format), in the Kafka record timestamp, or nowhere (the server stamps the row).
 */
public final class TimestampResolver {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private final TimestampSource source;
    private final FieldPath field;
    private final TimestampUnit units;
    private final DateTimeFormatter format;
    private final boolean nanosForText;

    /**
     * @param source where the timestamp comes from
     * @param field the field path for {@link TimestampSource#FIELD}, else null
     * @param units the unit of numeric values
     * @param pattern a java.time pattern for strings; empty for ISO-8601
     * @param nanosForText send parsed strings and dates as nanoseconds (for TIMESTAMP_NS tables)
     */
    public TimestampResolver(TimestampSource source, String field, TimestampUnit units, String pattern,
                             boolean nanosForText) {
        this.source = source;
        this.field = source == TimestampSource.FIELD ? FieldPath.parse(field) : null;
        this.units = units;
        this.format = pattern == null || pattern.isBlank() ? DateTimeFormatter.ISO_DATE_TIME
            : DateTimeFormatter.ofPattern(pattern);
        this.nanosForText = nanosForText;
    }

    /** The field path whose value is the timestamp (and is therefore not written as a column), or null. */
    public FieldPath field() {
        return field;
    }

    /** Stamps {@code row} from {@code record} (whose value is {@code value}). */
    public void apply(SinkRecord record, Object value, Row row) {
        switch (source) {
            case SERVER -> {
            }
            case KAFKA -> {
                if (record.timestamp() == null) {
                    throw new DataException("Record has no Kafka timestamp");
                }
                row.at(record.timestamp() * 1000L, ChronoUnit.MICROS);
            }
            case FIELD -> fromField(null, value, row);
            default -> throw new IllegalStateException(source.name());
        }
    }

    /**
     * Stamps {@code row} from the timestamp field, given its value when the columns' pass already met it
     * ({@code found}, null if not: then it is looked up in {@code value}).
     */
    public void fromField(Object found, Object value, Row row) {
        fromValue(found != null ? found : field.get(value), row);
    }

    /** Stamps {@code row} from a timestamp field value. */
    public void fromValue(Object value, Row row) {
        if (value == null) {
            throw new DataException("Timestamp field '" + field + "' is missing or null");
        }
        if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
            fromNumber(n.longValue(), row);
        } else if (value instanceof Double || value instanceof Float) {
            fromNumber((long) ((Number) value).doubleValue(), row);
        } else if (value instanceof Date date) {
            stamp(date.toInstant(), row);
        } else if (value instanceof String text) {
            fromText(text.trim(), row);
        } else {
            throw new DataException("Timestamp field '" + field + "' has unsupported type "
                + value.getClass().getSimpleName());
        }
    }

    private void fromText(String text, Row row) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')
            && text.lastIndexOf('-') <= 0) {
            fromNumber(Long.parseLong(text), row);
            return;
        }
        try {
            TemporalAccessor parsed = format.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
            Instant instant = parsed instanceof ZonedDateTime z ? z.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            stamp(instant, row);
        } catch (DateTimeParseException e) {
            throw new DataException("Timestamp field '" + field + "' is not a valid timestamp: " + e.getMessage());
        }
    }

    private void stamp(Instant instant, Row row) {
        if (nanosForText) {
            row.at(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano()),
                ChronoUnit.NANOS);
        } else {
            row.at(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND),
                instant.getNano() / 1000), ChronoUnit.MICROS);
        }
    }

    private void fromNumber(long value, Row row) {
        TimestampUnit unit = units == TimestampUnit.AUTO ? guess(value) : units;
        try {
            switch (unit) {
                case S -> row.at(Math.multiplyExact(value, MICROS_PER_SECOND), ChronoUnit.MICROS);
                case MS -> row.at(Math.multiplyExact(value, 1000L), ChronoUnit.MICROS);
                case US -> row.at(value, ChronoUnit.MICROS);
                case NS -> row.at(value, ChronoUnit.NANOS);
                default -> throw new IllegalStateException(unit.name());
            }
        } catch (ArithmeticException e) {
            throw new DataException("Timestamp " + value + " " + unit + " is out of range");
        }
    }

    /** Seconds, milliseconds, microseconds or nanoseconds since the epoch, judged by magnitude. */
    static TimestampUnit guess(long value) {
        long abs = Math.abs(value);
        if (abs < 100_000_000_000L) {
            return TimestampUnit.S;
        } else if (abs < 100_000_000_000_000L) {
            return TimestampUnit.MS;
        } else if (abs < 100_000_000_000_000_000L) {
            return TimestampUnit.US;
        }
        return TimestampUnit.NS;
    }
}
