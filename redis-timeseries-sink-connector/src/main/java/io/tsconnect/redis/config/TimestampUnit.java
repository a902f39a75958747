package io.tsconnect.redis.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** The unit of numeric timestamps in a field; AUTO detects it from the magnitude. */
public enum TimestampUnit {
    AUTO,SECONDS,MILLISECONDS,MICROSECONDS,NANOSECONDS;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(TimestampUnit.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(TimestampUnit.class);

    /** Parses a config value of key {@code key}; unknown values are rejected. */
    public static TimestampUnit parse(String key, String value) {
        return EnumValues.parse(TimestampUnit.class, key, value);
    }
}
