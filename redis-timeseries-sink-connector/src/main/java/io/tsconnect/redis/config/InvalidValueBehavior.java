package io.tsconnect.redis.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** What happens to a record whose value is null, NaN or not a number. */
public enum InvalidValueBehavior {
    REPORT,IGNORE,FAIL;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(InvalidValueBehavior.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(InvalidValueBehavior.class);

    /** Parses a config value of key {@code key}; unknown values are rejected. */
    public static InvalidValueBehavior parse(String key, String value) {
        return EnumValues.parse(InvalidValueBehavior.class, key, value);
    }
}
