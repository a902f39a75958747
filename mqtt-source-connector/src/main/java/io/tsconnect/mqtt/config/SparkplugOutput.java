package io.tsconnect.mqtt.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** What a Sparkplug B message becomes: one record per metric, or one per message. */
public enum SparkplugOutput {
    METRIC, MESSAGE;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(SparkplugOutput.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(SparkplugOutput.class);

    public static SparkplugOutput parse(String key, String value) {
        return EnumValues.parse(SparkplugOutput.class, key, value);
    }
}
