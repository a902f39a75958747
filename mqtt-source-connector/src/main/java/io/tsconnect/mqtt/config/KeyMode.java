package io.tsconnect.mqtt.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** Where the record key comes from. */
public enum KeyMode {
    TOPIC, TEMPLATE, FIELD, NONE;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(KeyMode.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(KeyMode.class);

    public static KeyMode parse(String key, String value) {
        return EnumValues.parse(KeyMode.class, key, value);
    }
}
