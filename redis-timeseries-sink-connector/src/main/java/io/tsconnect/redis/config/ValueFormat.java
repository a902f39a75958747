package io.tsconnect.redis.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/**
 * How record values are read: as the converter produced them (Struct, Map, primitives), or, for JSON text from
 * the ByteArrayConverter or StringConverter, by the connector's streaming JSON reader (the fast path).
 */
public enum ValueFormat {
    CONNECT, JSON;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(ValueFormat.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(ValueFormat.class);

    /** Parses a config value of key {@code key}; unknown values are rejected. */
    public static ValueFormat parse(String key, String value) {
        return EnumValues.parse(ValueFormat.class, key, value);
    }
}
