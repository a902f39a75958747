package io.tsconnect.common.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Helpers for {@code Connector.validate()}: cross-field problems are attached to the {@link ConfigValue} of the
 * key they concern, never thrown, so the REST API shows them next to that key.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** The config values of {@code config} by key name. */
    public static Map<String, ConfigValue> byName(Config config) {
        return config.configValues().stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
    }

    /** Adds {@code message} to {@code key}'s errors; does nothing for an unknown key. */
    public static void addError(Map<String, ConfigValue> values, String key, String message) {
        ConfigValue value = values.get(key);
        if (value != null) {
            value.addErrorMessage(message);
        }
    }

    /** True when neither {@code key} nor any of {@code others} already has an error. */
    public static boolean clean(Map<String, ConfigValue> values, String... keys) {
        for (String key : keys) {
            ConfigValue value = values.get(key);
            if (value != null && !value.errorMessages().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** True when any key has an error. */
    public static boolean hasErrors(List<ConfigValue> values) {
        return values.stream().anyMatch(v -> !v.errorMessages().isEmpty());
    }
}
