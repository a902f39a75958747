package io.tsconnect.questdb.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** Where a row's designated timestamp comes from: a record field, the Kafka record timestamp, or the QuestDB server clock at ingestion. */
public enum TimestampSource {
    FIELD, KAFKA, SERVER;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(TimestampSource.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(TimestampSource.class);

    /** Parses a config value; unknown values are rejected. */
    public static TimestampSource parse(String key, String value) {
        return EnumValues.parse(TimestampSource.class, key, value);
    }
}
