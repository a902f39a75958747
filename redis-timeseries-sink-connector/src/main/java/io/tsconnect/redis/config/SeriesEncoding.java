package io.tsconnect.redis.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** ENCODING of created series; SERVER_DEFAULT sends none. */
public enum SeriesEncoding {
    SERVER_DEFAULT,COMPRESSED,UNCOMPRESSED;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(SeriesEncoding.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(SeriesEncoding.class);

    /** Parses a config value of key {@code key}; unknown values are rejected. */
    public static SeriesEncoding parse(String key, String value) {
        return EnumValues.parse(SeriesEncoding.class, key, value);
    }
}
