package io.tsconnect.redis.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** Where a sample's timestamp comes from: a value field, the Kafka record timestamp, or the Redis server clock. */
public enum TimestampSource {
    FIELD,RECORD,SERVER;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(TimestampSource.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(TimestampSource.class);

    /** Parses a config value of key {@code key}; unknown values are rejected. */
    public static TimestampSource parse(String key, String value) {
        return EnumValues.parse(TimestampSource.class, key, value);
    }
}
