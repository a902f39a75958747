package io.tsconnect.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class RetryConfigTest {
    private final ConfigDef def = RetryConfig.update(new ConfigDef(), "Retries");

    @Test
    void defaultsRetryForever() {
        RetryConfig retry = RetryConfig.from(new AbstractConfig(def, Map.of()));
        assertTrue(retry.mayRetry(1_000_000));
        assertEquals(500, retry.backoff().initial().toMillis());
    }

    @Test
    void boundedRetriesStop() {
        RetryConfig retry = RetryConfig.from(new AbstractConfig(def, Map.of("max.retries", "2")));
        assertTrue(retry.mayRetry(1));
        assertFalse(retry.mayRetry(2));
    }

    @Test
    void maxBelowInitialIsAttachedToTheMaxKey() {
        var values = ConfigValues.byName(new org.apache.kafka.common.config.Config(
            def.validate(Map.of("retry.backoff.initial.ms", "1000", "retry.backoff.max.ms", "10"))));
        RetryConfig.validate(values);
        assertTrue(values.get("retry.backoff.max.ms").errorMessages().get(0).contains("retry.backoff.max.ms"));
        assertTrue(values.get("retry.backoff.initial.ms").errorMessages().isEmpty());
    }
}
