package io.tsconnect.questdb.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** The PARTITION BY clause of tables the connector creates. */
public enum PartitionBy {
    NONE, HOUR, DAY, WEEK, MONTH, YEAR;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(PartitionBy.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(PartitionBy.class);

    /** Parses a config value; unknown values are rejected. */
    public static PartitionBy parse(String key, String value) {
        return EnumValues.parse(PartitionBy.class, key, value);
    }
}
