package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tsconnect.common.Backoff;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.github.RateLimitPolicy.Action;
import io.tsconnect.github.RateLimitPolicy.Decision;

class RateLimitPolicyTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Backoff MINUTE = new Backoff(Duration.ofSeconds(60), Duration.ofMinutes(15));
    private final RateLimitPolicy policy = new RateLimitPolicy(10, MINUTE,
        new RetryConfig(3, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30))),
        Clock.fixed(NOW, ZoneOffset.UTC));

    private static ApiResponse response(int status, Map<String, String> headers, String body) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new ApiResponse(URI.create("https://api.github.com/events"), status, h,
            body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void retryAfterIsHonouredExactlyAndPausesEveryStream() {
        Decision d = policy.afterFailure(response(403, Map.of("retry-after", "17"), "{}"), 0, 0);
        assertEquals(Action.PAUSE_ALL, d.action());
        assertEquals(Duration.ofSeconds(17), d.delay());
        Decision tooMany = policy.afterFailure(response(429, Map.of("Retry-After", "3"), "{}"), 0, 0);
        assertEquals(Duration.ofSeconds(3), tooMany.delay());
    }

    @Test
    void exhaustedQuotaWaitsUntilTheResetPlusAtMostFiveSecondsOfJitter() {
        for (int i = 0; i < 50; i++) {
            Decision d = policy.afterFailure(response(403, Map.of("X-RateLimit-Remaining", "0",
                "x-ratelimit-reset", Long.toString(NOW.plusSeconds(120).getEpochSecond())), "{}"), 0, 0);
            assertEquals(Action.PAUSE_ALL, d.action());
            assertTrue(d.delay().compareTo(Duration.ofSeconds(120)) >= 0, d.toString());
            assertTrue(d.delay().compareTo(Duration.ofSeconds(125)) <= 0, d.toString());
        }
    }

    @Test
    void rateLimitWithoutHintsBacksOffFromAMinuteExponentially() {
        ApiResponse limited = response(429, Map.of(), "{}");
        Decision first = policy.afterFailure(limited, 0, 0);
        assertEquals(Action.PAUSE_ALL, first.action());
        assertTrue(first.delay().compareTo(Duration.ofSeconds(30)) >= 0, first.toString());
        assertTrue(first.delay().compareTo(Duration.ofSeconds(60)) <= 0, first.toString());
        Decision third = policy.afterFailure(limited, 0, 2);
        assertTrue(third.delay().compareTo(Duration.ofSeconds(120)) >= 0, third.toString());
        assertTrue(third.delay().compareTo(Duration.ofSeconds(240)) <= 0, third.toString());
        Decision secondary = policy.afterFailure(response(403, Map.of(),
            "{\"message\":\"You have exceeded a secondary rate limit\"}"), 0, 0);
        assertEquals(Action.PAUSE_ALL, secondary.action());
    }

    @Test
    void remainingBelowTheReservePausesUntilTheReset() {
        Decision low = policy.afterSuccess(response(200, Map.of("x-ratelimit-remaining", "9",
            "x-ratelimit-reset", Long.toString(NOW.plusSeconds(600).getEpochSecond())), "[]"));
        assertEquals(Action.PAUSE_ALL, low.action());
        assertTrue(low.delay().compareTo(Duration.ofSeconds(600)) >= 0, low.toString());
        assertEquals(Action.PROCEED, policy.afterSuccess(response(200, Map.of("x-ratelimit-remaining", "10"), "[]"))
            .action());
        assertEquals(Action.PROCEED, policy.afterSuccess(response(304, Map.of(), "")).action());
    }

    @Test
    void unauthorizedFailsTheTaskWithAClearMessage() {
        Decision d = policy.afterFailure(response(401, Map.of(), "{\"message\":\"Bad credentials\"}"), 0, 0);
        assertEquals(Action.FAIL, d.action());
        assertTrue(d.reason().contains("github.token"), d.reason());
        assertTrue(d.reason().contains("Bad credentials"), d.reason());
    }

    @Test
    void notFoundAndPlainForbiddenBackOffOnlyTheirStream() {
        Decision missing = policy.afterFailure(response(404, Map.of(), "{\"message\":\"Not Found\"}"), 1, 0);
        assertEquals(Action.BACK_OFF_STREAM, missing.action());
        assertTrue(missing.delay().compareTo(Duration.ofSeconds(60)) >= 0, missing.toString());
        Decision forbidden = policy.afterFailure(response(403, Map.of("x-ratelimit-remaining", "4000"),
            "{\"message\":\"Resource not accessible by integration\"}"), 0, 0);
        assertEquals(Action.BACK_OFF_STREAM, forbidden.action());
    }

    @Test
    void serverErrorsAndIoErrorsAreRetriedWithBackoffUntilMaxRetries() {
        Decision first = policy.afterFailure(response(502, Map.of(), "bad gateway"), 0, 0);
        assertEquals(Action.BACK_OFF_STREAM, first.action());
        assertTrue(first.delay().compareTo(Duration.ofMillis(500)) <= 0, first.toString());
        assertEquals(Action.BACK_OFF_STREAM, policy.afterIoError("reset", 2).action());
        Decision gaveUp = policy.afterIoError("connection refused", 3);
        assertEquals(Action.FAIL, gaveUp.action());
        assertTrue(gaveUp.reason().contains("max.retries"), gaveUp.reason());
    }

    @Test
    void retryAfterAsAnHttpDate() {
        Decision d = policy.afterFailure(response(429, Map.of("retry-after", "Sun, 01 Mar 2026 10:00:30 GMT"), ""),
            0, 0);
        assertEquals(Duration.ofSeconds(30), d.delay());
    }
}
