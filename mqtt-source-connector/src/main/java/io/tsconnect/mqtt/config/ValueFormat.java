package io.tsconnect.mqtt.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** How the MQTT payload becomes the record value. */
public enum ValueFormat {
    BYTES, STRING, JSON, JSON_MAP, SPARKPLUG_B;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(ValueFormat.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(ValueFormat.class);

    public static ValueFormat parse(String key, String value) {
        return EnumValues.parse(ValueFormat.class, key, value);
    }
}
