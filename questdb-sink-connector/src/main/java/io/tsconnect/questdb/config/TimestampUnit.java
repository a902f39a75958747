package io.tsconnect.questdb.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** The unit of a numeric timestamp; {@code AUTO} guesses it from the magnitude (s, ms, µs or ns since the epoch). */
public enum TimestampUnit {
    AUTO, S, MS, US, NS;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(TimestampUnit.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(TimestampUnit.class);

    /** Parses a config value; unknown values are rejected. */
    public static TimestampUnit parse(String key, String value) {
        return EnumValues.parse(TimestampUnit.class, key, value);
    }
}
