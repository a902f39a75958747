package io.tsconnect.questdb.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** The type of the designated timestamp column of tables the connector creates. */
public enum TimestampType {
    TIMESTAMP, TIMESTAMP_NS;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(TimestampType.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(TimestampType.class);

    /** Parses a config value; unknown values are rejected. */
    public static TimestampType parse(String key, String value) {
        return EnumValues.parse(TimestampType.class, key, value);
    }
}
