package io.tsconnect.questdb.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import io.tsconnect.common.config.ConfigGroup;

/**
 * Config fragment "Timestamp": where the designated timestamp comes from and how a field value is read
 * ({@code timestamp.source}, {@code timestamp.field.name}, {@code timestamp.units}, {@code timestamp.string.format}).
 */
public final class TimestampConfig {
    public static final String TS_SOURCE_CONFIG = "timestamp.source";
    static final String TS_SOURCE_DOC = "Designated timestamp: 'field' (timestamp.field.name), 'kafka' (the "
        + "record timestamp) or 'server' (ingestion time).";
    static final String TS_SOURCE_DEFAULT = "server";
    static final String TS_SOURCE_DISPLAY = "Timestamp source";

    public static final String TS_FIELD_CONFIG = "timestamp.field.name";
    static final String TS_FIELD_DOC = "The field (dotted path) holding the designated timestamp when "
        + "timestamp.source=field: a number (see timestamp.units), a Connect Timestamp/Date, or a string "
        + "(see timestamp.string.format). The field is not written as a column.";
    static final String TS_FIELD_DISPLAY = "Timestamp field";

    public static final String TS_UNITS_CONFIG = "timestamp.units";
    static final String TS_UNITS_DOC = "Unit of numeric timestamps; 'auto' guesses from the magnitude. "
        + "Nanosecond values are sent as nanoseconds and kept in full in TIMESTAMP_NS columns.";
    static final String TS_UNITS_DEFAULT = "auto";
    static final String TS_UNITS_DISPLAY = "Timestamp units";

    public static final String TS_FORMAT_CONFIG = "timestamp.string.format";
    static final String TS_FORMAT_DOC = "java.time pattern of string timestamps, e.g. 'yyyy-MM-dd HH:mm:ss.SSS' "
        + "(read as UTC unless it has a zone). Empty: ISO-8601 with offset or 'Z' (fractions up to nanoseconds).";
    static final String TS_FORMAT_DISPLAY = "Timestamp string format";

    private final AbstractConfig config;

    TimestampConfig(AbstractConfig config) {
        this.config = config;
    }

    /** Adds the timestamp keys to {@code def} as the group "Timestamp". */
    public static ConfigDef update(ConfigDef def) {
        ConfigGroup.of(def, "Timestamp")
            .define(TS_SOURCE_CONFIG, Type.STRING, TS_SOURCE_DEFAULT, TimestampSource.VALIDATOR, Importance.HIGH,
                TS_SOURCE_DOC, Width.SHORT, TS_SOURCE_DISPLAY, TimestampSource.RECOMMENDER)
            .define(TS_FIELD_CONFIG, Type.STRING, null, Importance.HIGH, TS_FIELD_DOC, Width.MEDIUM,
                TS_FIELD_DISPLAY)
            .define(TS_UNITS_CONFIG, Type.STRING, TS_UNITS_DEFAULT, TimestampUnit.VALIDATOR, Importance.MEDIUM,
                TS_UNITS_DOC, Width.SHORT, TS_UNITS_DISPLAY, TimestampUnit.RECOMMENDER)
            .define(TS_FORMAT_CONFIG, Type.STRING, "", Importance.MEDIUM, TS_FORMAT_DOC, Width.MEDIUM,
                TS_FORMAT_DISPLAY);
        return def;
    }

    public TimestampSource source() {
        return TimestampSource.parse(TS_SOURCE_CONFIG, config.getString(TS_SOURCE_CONFIG));
    }

    /** The timestamp field path, or null. */
    public String field() {
        return config.getString(TS_FIELD_CONFIG);
    }

    public TimestampUnit units() {
        return TimestampUnit.parse(TS_UNITS_CONFIG, config.getString(TS_UNITS_CONFIG));
    }

    /** The java.time pattern of string timestamps; empty for ISO-8601. */
    public String format() {
        return config.getString(TS_FORMAT_CONFIG);
    }
}
