package io.tsconnect.questdb.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** What a record with a null value does: skipped, or the task fails. */
public enum TombstoneBehavior {
    IGNORE, FAIL;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(TombstoneBehavior.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(TombstoneBehavior.class);

    /** Parses a config value; unknown values are rejected. */
    public static TombstoneBehavior parse(String key, String value) {
        return EnumValues.parse(TombstoneBehavior.class, key, value);
    }
}
