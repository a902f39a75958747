package io.tsconnect.mqtt.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** Where the record timestamp comes from. */
public enum TimestampMode {
    ARRIVAL, FIELD;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(TimestampMode.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(TimestampMode.class);

    public static TimestampMode parse(String key, String value) {
        return EnumValues.parse(TimestampMode.class, key, value);
    }
}
