package io.tsconnect.mqtt.sink.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** What a tombstone (a record with a null value) does. */
public enum NullValueBehavior {
    /** Nothing is published; the offset is committed. */
    IGNORE,
    /** An empty retained message is published to the record's topic, which deletes the retained message there. */
    CLEAR_RETAINED,
    /** The record goes to the errant record reporter (dead letter queue). */
    FAIL;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(NullValueBehavior.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(NullValueBehavior.class);

    public static NullValueBehavior parse(String key, String value) {
        return EnumValues.parse(NullValueBehavior.class, key, value);
    }
}
