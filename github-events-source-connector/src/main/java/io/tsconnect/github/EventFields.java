package io.tsconnect.github;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the fields every event carries, and orders events as GitHub does: by {@code created_at}, then id. */
final class EventFields {
    /** Oldest first: by {@code created_at}, then by numeric id. */
    static final Comparator<JsonNode> OLDEST_FIRST = (a, b) -> compare(createdAt(a), id(a), createdAt(b), id(b));

    private EventFields() {
    }

    /** The event id (a numeric string larger than int32), or {@code ""} when absent. */
    static String id(JsonNode event) {
        return event.path("id").asText("");
    }

    /**
     * The event's {@code created_at}; an event without a readable one is taken as created at the epoch, so it
     * is ordered first and never mistaken for the newest.
     */
    static Instant createdAt(JsonNode event) {
        try {
            return Instant.parse(event.path("created_at").asText(""));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** Compares two events by {@code created_at}, then by id as a number (ids are numeric strings). */
    static int compare(Instant createdA, String idA, Instant createdB, String idB) {
        int byTime = createdA.compareTo(createdB);
        if (byTime != 0) {
            return byTime;
        }
        int byLength = Integer.compare(idA.length(), idB.length());
        return byLength != 0 ? byLength : idA.compareTo(idB);
    }
}
