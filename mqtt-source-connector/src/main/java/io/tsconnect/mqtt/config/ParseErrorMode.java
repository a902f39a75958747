package io.tsconnect.mqtt.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** What happens to a payload that cannot be parsed as the value format. */
public enum ParseErrorMode {
    FAIL, RAW;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(ParseErrorMode.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(ParseErrorMode.class);

    public static ParseErrorMode parse(String key, String value) {
        return EnumValues.parse(ParseErrorMode.class, key, value);
    }
}
