package io.tsconnect.common.mqtt;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The MQTT protocol version spoken to the broker, spelt as users know it: {@code 5} or {@code 3.1.1}. */
public enum MqttVersion {
    V5("5"), V3_1_1("3.1.1");

    private final String text;

    MqttVersion(String text) {
        this.text = text;
    }

    /** Accepts exactly what {@link #parse} accepts. */
    public static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            parse(name, (String) value);
        }

        @Override
        public String toString() {
            return "5, 3.1.1";
        }
    };

    /** Lists both versions. */
    public static final ConfigDef.Recommender RECOMMENDER = new ConfigDef.Recommender() {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.of("5", "3.1.1");
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    };

    /** Parses {@code 5} or {@code 3.1.1} (also {@code 3}); anything else names the key and the valid values. */
    public static MqttVersion parse(String key, String value) {
        String v = value == null ? "" : value.trim();
        if (v.equals("5") || v.equals("5.0")) {
            return V5;
        }
        if (v.equals("3.1.1") || v.equals("3")) {
            return V3_1_1;
        }
        throw new ConfigException(key, value, "Must be 5 or 3.1.1");
    }

    @Override
    public String toString() {
        return text;
    }
}
