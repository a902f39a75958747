package io.tsconnect.redis.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** The shape of record values: one sample per record, one series per numeric field, or Telegraf's JSON metrics. */
public enum RecordFormat {
    VALUE,WIDE,TELEGRAF;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(RecordFormat.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(RecordFormat.class);

    /** Parses a config value of key {@code key}; unknown values are rejected. */
    public static RecordFormat parse(String key, String value) {
        return EnumValues.parse(RecordFormat.class, key, value);
    }
}
