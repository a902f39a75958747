package io.tsconnect.github;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Polls one stream: GETs the first page with {@code If-None-Match}, follows {@code Link rel="next"} until a page
 * overlaps what was already emitted (or there is no next page, or the API answers 422 past the last one), looks
 * at every event of every page (ids are not ordered inside a page), and returns the events not emitted yet,
 * oldest first, each with the stream offset to store once it is written.
 */
final class StreamPoller {
    private static final Logger log = LoggerFactory.getLogger(StreamPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one poll found. */
    sealed interface Outcome permits Fetched, NotModified, Failed {
    }

    /** New events (possibly none), oldest first. */
    record Fetched(List<Emitted> events, ApiResponse last, Optional<Duration> pollInterval) implements Outcome {
    }

    /** The first page was unchanged: 304. */
    record NotModified(ApiResponse response, Optional<Duration> pollInterval) implements Outcome {
    }

    /** A page answered something other than 200, 304 or 422; nothing was emitted and the poll can be repeated. */
    record Failed(ApiResponse response) implements Outcome {
    }

    /** An event to emit and the offset of the stream once it is written. */
    record Emitted(JsonNode event, StreamOffset offset) {
    }

    private final EventStream stream;
    private final URI firstPage;
    private final Duration lateWindow;
    private final int maxPages;
    private final GithubEventsMetrics metrics;
    private StreamOffset offset;
    private String etag;

    StreamPoller(EventStream stream, URI apiUrl, int perPage, Duration lateWindow, StreamOffset offset,
                 GithubEventsMetrics metrics) {
        this.stream = stream;
        this.firstPage = URI.create(apiUrl + stream.path() + "?per_page=" + perPage);
        this.lateWindow = lateWindow;
        this.maxPages = Math.max(10, 2 * ((StreamOffset.MAX_RECENT + perPage - 1) / perPage));
        this.offset = offset;
        this.metrics = metrics;
    }

    EventStream stream() {
        return stream;
    }

    StreamOffset offset() {
        return offset;
    }

    /** Polls once; on success the returned events count as emitted and the next poll starts from them. */
    Outcome poll(EventsApi api) throws IOException {
        Map<String, JsonNode> fresh = new LinkedHashMap<>();
        Scan scan = new Scan();
        URI uri = firstPage;
        ApiResponse first = null;
        ApiResponse last = null;
        for (int page = 1; uri != null && page <= maxPages; page++) {
            last = api.get(uri, page == 1 ? etag : null);
            if (page == 1) {
                first = last;
                if (last.status() == 304) {
                    metrics.notModified();
                    return new NotModified(last, last.pollInterval());
                }
            }
            if (last.status() == 422) {
                break;
            }
            if (last.status() != 200) {
                return new Failed(last);
            }
            boolean overlaps = scan.page(parse(last), fresh);
            uri = overlaps ? null : last.nextLink().orElse(null);
        }
        if (!offset.isEmpty() && !scan.overlapped && scan.oldest != null
            && scan.oldest.isAfter(offset.newestCreatedAt())) {
            metrics.gap();
            log.warn("Stream {}: possible gap. The oldest event the API still returns ({}) is newer than the newest "
                + "emitted ({}); events in between may be lost. Poll more often or split the streams over more "
                + "tasks.", stream, scan.oldest, offset.newestCreatedAt());
        }
        metrics.duplicates(scan.duplicates);
        List<Emitted> emitted = emit(fresh);
        etag = first.header("etag").orElse(null);
        return new Fetched(emitted, last, first.pollInterval());
    }

    private List<Emitted> emit(Map<String, JsonNode> fresh) {
        List<JsonNode> ordered = new ArrayList<>(fresh.values());
        ordered.sort(EventFields.OLDEST_FIRST);
        List<Emitted> out = new ArrayList<>(ordered.size());
        int late = 0;
        for (JsonNode event : ordered) {
            Instant created = EventFields.createdAt(event);
            if (offset.isOlderThanNewest(created)) {
                late++;
            }
            offset = offset.plus(EventFields.id(event), created);
            out.add(new Emitted(event, offset));
        }
        metrics.late(late);
        return out;
    }

    private JsonNode parse(ApiResponse response) throws IOException {
        JsonNode page = JSON.readTree(response.body());
        if (page == null || !page.isArray()) {
            throw new IOException("Expected a JSON array of events from " + response.uri() + ", got: "
                + response.bodySnippet());
        }
        return page;
    }

    /** What the pages of one poll held so far. */
    private final class Scan {
        boolean overlapped;
        Instant oldest;
        int duplicates;

        /** Adds the page's new events to {@code fresh}; true when the page overlaps what was emitted. */
        boolean page(JsonNode page, Map<String, JsonNode> fresh) {
            boolean overlaps = false;
            for (JsonNode event : page) {
                String id = EventFields.id(event);
                Instant created = EventFields.createdAt(event);
                oldest = oldest == null || created.isBefore(oldest) ? created : oldest;
                if (id.isEmpty()) {
                    log.debug("Stream {}: skipping an event without id", stream);
                } else if (offset.hasEmitted(id)) {
                    duplicates++;
                    overlaps = true;
                } else if (offset.isBeyondLateWindow(created, lateWindow)) {
                    // Older than the late window: emitted before its id left the offset, or too late to matter.
                    duplicates++;
                    overlaps = true;
                } else if (fresh.putIfAbsent(id, event) == null && offset.isOlderThanNewest(created)) {
                    overlaps = true;
                }
            }
            overlapped |= overlaps;
            return overlaps;
        }
    }
}
