package io.tsconnect.testsupport.github;

import java.time.Duration;

/**
 * A scripted answer that {@link GithubReplayServer#script} puts in front of the normal replay: each fault answers
 * exactly one request, in order, then the server replays events again.
 */
public final class Fault {
    /** What the fault does. */
    public enum Kind {
        /** An error status with a JSON message body. */
        STATUS,
        /** 403 or 429 with {@code Retry-After} (GitHub's secondary rate limit). */
        RETRY_AFTER,
        /** 403 with {@code x-ratelimit-remaining: 0} and a reset time (the primary rate limit). */
        PRIMARY_LIMIT,
        /** The connection is closed without an answer: the client sees an I/O error. */
        DISCONNECT,
        /** 301 to another stream's URL (a renamed repository or organisation). */
        REDIRECT,
        /** The normal answer, sent only after a delay (a slow or overloaded API). */
        DELAY
    }

    private final Kind kind;
    private final int status;
    private final Duration duration;
    private final String target;

    private Fault(Kind kind, int status, Duration duration, String target) {
        this.kind = kind;
        this.status = status;
        this.duration = duration;
        this.target = target;
    }

    /** An error status ({@code 500}, {@code 502}, {@code 401}, {@code 404}, a {@code 403} without hints…). */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, Duration.ZERO, null);
    }

    /** {@code 403} or {@code 429} with {@code Retry-After: <seconds>}. */
    public static Fault retryAfter(int status, int seconds) {
        return new Fault(Kind.RETRY_AFTER, status, Duration.ofSeconds(seconds), null);
    }

    /** {@code 403} with {@code x-ratelimit-remaining: 0} and {@code x-ratelimit-reset} {@code untilReset} ahead. */
    public static Fault primaryLimit(Duration untilReset) {
        return new Fault(Kind.PRIMARY_LIMIT, 403, untilReset, null);
    }

    /** Closes the connection without answering. */
    public static Fault disconnect() {
        return new Fault(Kind.DISCONNECT, 0, Duration.ZERO, null);
    }

    /** {@code 301 Moved Permanently} to the events URL of {@code stream} (same query). */
    public static Fault redirect(String stream) {
        return new Fault(Kind.REDIRECT, 301, Duration.ZERO, stream);
    }

    /** Answers normally after {@code delay}. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, delay, null);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public Duration duration() {
        return duration;
    }

    public String target() {
        return target;
    }

    @Override
    public String toString() {
        return kind + (status > 0 ? " " + status : "") + (duration.isZero() ? "" : " " + duration)
            + (target == null ? "" : " -> " + target);
    }
}
