package io.tsconnect.mqtt.sink.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** What a record's value becomes as the MQTT payload. */
public enum PayloadFormat {
    /** Struct, Map, List or primitive values as JSON; a String is taken to be JSON text and bytes are sent as they are. */
    JSON,
    /** The value's bytes as they are: byte[], ByteBuffer, or a String as UTF-8. */
    BYTES,
    /** One field of the value ({@code payload.field}): bytes and text as they are, anything else as JSON. */
    FIELD;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(PayloadFormat.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(PayloadFormat.class);

    public static PayloadFormat parse(String key, String value) {
        return EnumValues.parse(PayloadFormat.class, key, value);
    }
}
