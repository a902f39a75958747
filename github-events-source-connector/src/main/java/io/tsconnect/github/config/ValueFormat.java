package io.tsconnect.github.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** What a record's value holds. */
public enum ValueFormat {
    /** A Connect Struct with the common event fields and the payload as a JSON string. */
    STRUCT,
    /** The event exactly as the API returned it, as a JSON string. */
    JSON;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(ValueFormat.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(ValueFormat.class);

    public static ValueFormat parse(String key, String value) {
        return EnumValues.parse(ValueFormat.class, key, value);
    }
}
