package io.tsconnect.redis.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** What a record with a null value (a tombstone) does. */
public enum TombstoneBehavior {
    IGNORE,DELETE;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(TombstoneBehavior.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(TombstoneBehavior.class);

    /** Parses a config value of key {@code key}; unknown values are rejected. */
    public static TombstoneBehavior parse(String key, String value) {
        return EnumValues.parse(TombstoneBehavior.class, key, value);
    }
}
