package io.tsconnect.common.config;

import java.time.Duration;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import io.tsconnect.common.Backoff;

/**
 * Config fragment for retrying transient failures of the external system with bounded exponential backoff.
 *
 * @param maxRetries how many times a failing operation is retried before the task fails; -1 retries forever
 * @param backoff the delays between attempts
 */
public record RetryConfig(int maxRetries, Backoff backoff) {
    public static final String MAX_RETRIES_CONFIG = "max.retries";
    public static final String MAX_RETRIES_DOC = "How many times a write or request that failed for a transient "
        + "reason (connection lost, server unavailable) is retried before the task fails. -1 retries forever: "
        + "the task waits for the external system and loses nothing.";
    public static final int MAX_RETRIES_DEFAULT = -1;
    public static final String MAX_RETRIES_DISPLAY = "Max retries";

    public static final String BACKOFF_INITIAL_CONFIG = "retry.backoff.initial.ms";
    public static final String BACKOFF_INITIAL_DOC = "The wait before the first retry; each further retry doubles "
        + "it, with jitter, up to retry.backoff.max.ms.";
    public static final long BACKOFF_INITIAL_DEFAULT = 500L;
    public static final String BACKOFF_INITIAL_DISPLAY = "Initial retry backoff (ms)";

    public static final String BACKOFF_MAX_CONFIG = "retry.backoff.max.ms";
    public static final String BACKOFF_MAX_DOC = "The longest wait between two retries.";
    public static final long BACKOFF_MAX_DEFAULT = 30_000L;
    public static final String BACKOFF_MAX_DISPLAY = "Max retry backoff (ms)";

    /** Adds the retry keys to {@code def} as the group {@code group}. */
    public static ConfigDef update(ConfigDef def, String group) {
        ConfigGroup.of(def, group)
            .define(MAX_RETRIES_CONFIG, Type.INT, MAX_RETRIES_DEFAULT, Range.atLeast(-1), Importance.MEDIUM,
                MAX_RETRIES_DOC, Width.SHORT, MAX_RETRIES_DISPLAY)
            .define(BACKOFF_INITIAL_CONFIG, Type.LONG, BACKOFF_INITIAL_DEFAULT, Range.between(0, 3_600_000),
                Importance.LOW, BACKOFF_INITIAL_DOC, Width.SHORT, BACKOFF_INITIAL_DISPLAY)
            .define(BACKOFF_MAX_CONFIG, Type.LONG, BACKOFF_MAX_DEFAULT, Range.between(0, 86_400_000),
                Importance.LOW, BACKOFF_MAX_DOC, Width.SHORT, BACKOFF_MAX_DISPLAY);
        return def;
    }

    /** Reads the fragment from a parsed config; checks that max is not below initial. */
    public static RetryConfig from(AbstractConfig config) {
        Duration initial = Duration.ofMillis(config.getLong(BACKOFF_INITIAL_CONFIG));
        Duration max = Duration.ofMillis(Math.max(config.getLong(BACKOFF_MAX_CONFIG), initial.toMillis()));
        return new RetryConfig(config.getInt(MAX_RETRIES_CONFIG), new Backoff(initial, max));
    }

    /** Attaches an error to {@link #BACKOFF_MAX_CONFIG} when it is below the initial backoff. */
    public static void validate(java.util.Map<String, org.apache.kafka.common.config.ConfigValue> values) {
        var initial = values.get(BACKOFF_INITIAL_CONFIG);
        var max = values.get(BACKOFF_MAX_CONFIG);
        if (initial != null && max != null && initial.value() instanceof Long i && max.value() instanceof Long m
            && m < i) {
            max.addErrorMessage(BACKOFF_MAX_CONFIG + " (" + m + ") must not be below " + BACKOFF_INITIAL_CONFIG
                + " (" + i + ")");
        }
    }

    /** True when another retry is allowed after {@code attempts} failed retries. */
    public boolean mayRetry(int attempts) {
        return maxRetries < 0 || attempts < maxRetries;
    }
}
