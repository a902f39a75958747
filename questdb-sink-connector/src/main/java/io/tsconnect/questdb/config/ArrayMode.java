package io.tsconnect.questdb.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** How arrays that QuestDB cannot store natively (integers, strings, nested records) are written: as a JSON text column, or (integers only) as a DOUBLE[] array with strings still as JSON. */
public enum ArrayMode {
    JSON, ARRAY;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(ArrayMode.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(ArrayMode.class);

    /** Parses a config value; unknown values are rejected. */
    public static ArrayMode parse(String key, String value) {
        return EnumValues.parse(ArrayMode.class, key, value);
    }
}
