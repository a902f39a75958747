package io.tsconnect.github;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When each stream of a task is due next, and until when the whole task is paused by a rate limit (limits belong
 * to the token, so they hold for every stream).
 */
final class PollSchedule {
    /** A stream's poller with its next poll time and its failures in a row. */
    static final class Slot {
        final StreamPoller poller;
        Instant due;
        int failures;

        Slot(StreamPoller poller, Instant due) {
            this.poller = poller;
            this.due = due;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private Instant pausedUntil = Instant.MIN;
    private int rateLimitStrikes;

    PollSchedule(List<StreamPoller> pollers, Instant start) {
        pollers.forEach(p -> slots.add(new Slot(p, start)));
    }

    /** The stream due first. */
    Slot next() {
        return slots.stream().min(Comparator.comparing(s -> s.due)).orElseThrow();
    }

    /** When {@code slot} may be polled: its due time, or later while the task is paused. */
    Instant dueTime(Slot slot) {
        return slot.due.isAfter(pausedUntil) ? slot.due : pausedUntil;
    }

    void pauseAll(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
        rateLimitStrikes++;
    }

    /** Rate-limited answers without hints in a row. */
    int rateLimitStrikes() {
        return rateLimitStrikes;
    }

    /** A request succeeded: rate-limit backoff starts over. */
    void succeeded(Slot slot, Instant nextDue) {
        rateLimitStrikes = 0;
        slot.failures = 0;
        slot.due = nextDue;
    }

    void failed(Slot slot, Instant retryAt) {
        slot.failures++;
        slot.due = retryAt;
    }

    int size() {
        return slots.size();
    }
}
