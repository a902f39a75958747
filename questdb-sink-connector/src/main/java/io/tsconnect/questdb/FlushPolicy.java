package io.tsconnect.questdb;

import java.time.Duration;

/**
 * When buffered rows are flushed: at a row count, when the oldest row reaches an age, or when no record has
 * arrived for a while (so a quiet topic's last rows do not wait for the next record).
 *
 * @param rows the row count
 * @param interval the maximum age of the oldest buffered row
 * @param idle the idle time
 */
public record FlushPolicy(int rows, Duration interval, Duration idle) {
    /** True when {@code buffered} rows, the oldest {@code ageNanos} old, idle {@code idleNanos}, must go. */
    public boolean due(int buffered, long ageNanos, long idleNanos) {
        return buffered > 0 && (buffered >= rows || ageNanos >= interval.toNanos() || idleNanos >= idle.toNanos());
    }

    /** Milliseconds until {@link #due} turns true by time alone. */
    public long millisUntilDue(long ageNanos, long idleNanos) {
        long nanos = Math.min(interval.toNanos() - ageNanos, idle.toNanos() - idleNanos);
        return Math.max(0, (nanos + 999_999) / 1_000_000);
    }
}
