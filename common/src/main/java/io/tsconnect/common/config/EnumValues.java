package io.tsconnect.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The one place that turns config strings into enum constants, so that an enum's validator, recommender and
 * parser can never disagree. Values are matched case-insensitively with {@code -} and {@code _} alike;
 * unknown values are rejected, never defaulted.
 */
public final class EnumValues {
    private EnumValues() {
    }

    /** Parses {@code value} into a constant of {@code type}, or throws naming {@code key} and the valid values. */
    public static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
        if (value != null) {
            String wanted = normalise(value);
            for (E constant : type.getEnumConstants()) {
                if (normalise(constant.name()).equals(wanted)) {
                    return constant;
                }
            }
        }
        throw new ConfigException(key, value, "Must be one of " + names(type));
    }

    /** The config spelling of every constant: lower case with dashes replaced by underscores kept. */
    public static <E extends Enum<E>> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toList());
    }

    /** A validator accepting exactly what {@link #parse} accepts. */
    public static <E extends Enum<E>> ConfigDef.Validator validator(Class<E> type) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value instanceof List<?> list) {
                    list.forEach(v -> parse(type, name, String.valueOf(v)));
                } else {
                    parse(type, name, (String) value);
                }
            }

            @Override
            public String toString() {
                return String.join(", ", names(type));
            }
        };
    }

    /** A recommender listing every constant. */
    public static <E extends Enum<E>> ConfigDef.Recommender recommender(Class<E> type) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return List.copyOf(names(type));
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
