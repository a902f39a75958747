package io.tsconnect.common;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with full jitter: attempt {@code n} waits a random time in
 * {@code [initial * 2^n / 2, min(max, initial * 2^n)]}.
 *
 * <p>Immutable; callers keep the attempt count, so one instance serves many streams or connections.
 */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;

    /**
     * @param initial the delay of the first retry
     * @param max the cap on any delay
     */
    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Need 0 <= initial <= max, got " + initial + " and " + max);
        }
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
    }

    /** The delay before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long ceiling = ceilingMs(attempt);
        long floor = ceiling / 2;
        long jittered = floor + (ceiling > floor ? ThreadLocalRandom.current().nextLong(ceiling - floor + 1) : 0);
        return Duration.ofMillis(jittered);
    }

    /** The largest delay {@link #delay(int)} can return for {@code attempt}. */
    public Duration ceiling(int attempt) {
        return Duration.ofMillis(ceilingMs(attempt));
    }

    private long ceilingMs(int attempt) {
        int shift = Math.max(0, Math.min(attempt, 40));
        long grown = initialMs << shift;
        return grown < 0 || grown > maxMs || (initialMs != 0 && grown >> shift != initialMs) ? maxMs : grown;
    }

    public Duration initial() {
        return Duration.ofMillis(initialMs);
    }

    public Duration max() {
        return Duration.ofMillis(maxMs);
    }
}
