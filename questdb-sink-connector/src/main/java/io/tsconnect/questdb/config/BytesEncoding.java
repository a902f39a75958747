package io.tsconnect.questdb.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** How BYTES values are written to a VARCHAR column. */
public enum BytesEncoding {
    BASE64, HEX;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(BytesEncoding.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(BytesEncoding.class);

    /** Parses a config value; unknown values are rejected. */
    public static BytesEncoding parse(String key, String value) {
        return EnumValues.parse(BytesEncoding.class, key, value);
    }
}
