package io.tsconnect.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void ceilingDoublesUpToTheCap() {
        assertEquals(100, backoff.ceiling(0).toMillis());
        assertEquals(200, backoff.ceiling(1).toMillis());
        assertEquals(3200, backoff.ceiling(5).toMillis());
        assertEquals(5000, backoff.ceiling(6).toMillis());
        assertEquals(5000, backoff.ceiling(1000).toMillis(), "no overflow for huge attempt counts");
    }

    @Test
    void delayIsJitteredBetweenHalfAndCeiling() {
        for (int attempt = 0; attempt < 10; attempt++) {
            long ceiling = backoff.ceiling(attempt).toMillis();
            for (int i = 0; i < 50; i++) {
                long d = backoff.delay(attempt).toMillis();
                assertTrue(d >= ceiling / 2 && d <= ceiling, attempt + ": " + d + " not in [" + ceiling / 2 + ","
                    + ceiling + "]");
            }
        }
    }

    @Test
    void rejectsMaxBelowInitial() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
