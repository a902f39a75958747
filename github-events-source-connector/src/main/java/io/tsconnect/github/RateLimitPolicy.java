package io.tsconnect.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.tsconnect.common.Backoff;
import io.tsconnect.common.config.RetryConfig;

/**
 * Decides what an answer of the API means for polling, following GitHub's rules: honour {@code Retry-After};
 * with {@code x-ratelimit-remaining: 0} wait for {@code x-ratelimit-reset} plus jitter; otherwise back off from
 * a minute exponentially. Rate limits belong to the token, so they pause every stream of the task; a missing
 * stream (404) or a failing server (5xx, I/O) only delays the stream concerned. 401 is fatal: no wait fixes a
 * bad token.
 */
final class RateLimitPolicy {
    /** What the task does next. */
    enum Action { PROCEED, PAUSE_ALL, BACK_OFF_STREAM, FAIL }

    /**
     * @param action what to do
     * @param delay how long to pause or back off
     * @param reason why, for the log (never holds the token)
     */
    record Decision(Action action, Duration delay, String reason) {
        static final Decision PROCEED = new Decision(Action.PROCEED, Duration.ZERO, "");
    }

    private static final Duration MAX_JITTER = Duration.ofSeconds(5);
    private static final Duration MIN_RESET_WAIT = Duration.ofSeconds(1);
    private final int reserve;
    private final Backoff rateBackoff;
    private final RetryConfig retry;
    private final Clock clock;

    /**
     * @param reserve pause when fewer requests than this remain
     * @param rateBackoff the waits after a rate limit without hints, and after a 404
     * @param retry the retries of 5xx answers and I/O errors
     * @param clock the clock reset times are compared with
     */
    RateLimitPolicy(int reserve, Backoff rateBackoff, RetryConfig retry, Clock clock) {
        this.reserve = reserve;
        this.rateBackoff = rateBackoff;
        this.retry = retry;
        this.clock = clock;
    }

    /** After a 200, 304 or 422: pause early when the quota left is below the reserve. */
    Decision afterSuccess(ApiResponse response) {
        var remaining = response.rateLimitRemaining();
        if (reserve > 0 && remaining.isPresent() && remaining.getAsLong() < reserve) {
            return new Decision(Action.PAUSE_ALL, untilReset(response, 0),
                "x-ratelimit-remaining " + remaining.getAsLong() + " is below the reserve of " + reserve);
        }
        return Decision.PROCEED;
    }

    /**
     * After any other status.
     *
     * @param streamFailures failed polls of this stream in a row before this one
     * @param rateLimitStrikes rate-limited answers without a hint in a row before this one
     */
    Decision afterFailure(ApiResponse response, int streamFailures, int rateLimitStrikes) {
        int status = response.status();
        String what = "HTTP " + status + " from " + response.uri().getPath();
        if (status == 401) {
            return new Decision(Action.FAIL, Duration.ZERO, "GitHub answered 401 Unauthorized (" + response.bodySnippet()
                + "): the token in github.token is wrong, expired or revoked. Fix it and restart the connector");
        }
        if (status == 403 || status == 429) {
            Instant now = clock.instant();
            var retryAfter = response.retryAfter(now);
            if (retryAfter.isPresent()) {
                return new Decision(Action.PAUSE_ALL, retryAfter.get(), what + " with Retry-After");
            }
            var remaining = response.rateLimitRemaining();
            if (remaining.isPresent() && remaining.getAsLong() == 0) {
                return new Decision(Action.PAUSE_ALL, untilReset(response, rateLimitStrikes),
                    what + ": rate limit exhausted until x-ratelimit-reset");
            }
            if (status == 429 || response.bodySnippet().toLowerCase(Locale.ROOT).contains("rate limit")) {
                return new Decision(Action.PAUSE_ALL, rateBackoff.delay(rateLimitStrikes), what + ": rate limited");
            }
            return new Decision(Action.BACK_OFF_STREAM, rateBackoff.delay(streamFailures),
                what + ": forbidden (" + response.bodySnippet() + ")");
        }
        if (status >= 500 || status == 408) {
            return retryOrFail(what, streamFailures);
        }
        return new Decision(Action.BACK_OFF_STREAM, rateBackoff.delay(streamFailures),
            what + (status == 404 ? ": no such stream, or no access to it" : ": " + response.bodySnippet()));
    }

    /** After a transport failure (connection refused or reset, timeout). */
    Decision afterIoError(String what, int streamFailures) {
        return retryOrFail(what, streamFailures);
    }

    private Decision retryOrFail(String what, int streamFailures) {
        if (!retry.mayRetry(streamFailures)) {
            return new Decision(Action.FAIL, Duration.ZERO, what + "; gave up after " + streamFailures
                + " retries (max.retries)");
        }
        return new Decision(Action.BACK_OFF_STREAM, retry.backoff().delay(streamFailures), what);
    }

    /** Until {@code x-ratelimit-reset} plus jitter, so that many tasks do not all return in the same second. */
    private Duration untilReset(ApiResponse response, int strikes) {
        var reset = response.rateLimitReset();
        if (reset.isEmpty()) {
            return rateBackoff.delay(strikes);
        }
        Duration wait = Duration.between(clock.instant(), reset.get());
        if (wait.compareTo(MIN_RESET_WAIT) < 0) {
            wait = MIN_RESET_WAIT;
        }
        long jitterCap = Math.min(MAX_JITTER.toMillis(), rateBackoff.initial().toMillis());
        return wait.plusMillis(jitterCap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterCap + 1));
    }
}
