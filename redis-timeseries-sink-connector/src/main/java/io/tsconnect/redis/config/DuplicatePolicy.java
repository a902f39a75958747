package io.tsconnect.redis.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** RedisTimeSeries DUPLICATE_POLICY of created series: what a sample on an existing timestamp does. */
public enum DuplicatePolicy {
    BLOCK,FIRST,LAST,MIN,MAX,SUM;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(DuplicatePolicy.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(DuplicatePolicy.class);

    /** Parses a config value of key {@code key}; unknown values are rejected. */
    public static DuplicatePolicy parse(String key, String value) {
        return EnumValues.parse(DuplicatePolicy.class, key, value);
    }
}
