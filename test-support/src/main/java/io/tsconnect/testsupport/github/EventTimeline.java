package io.tsconnect.testsupport.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The events of one stream of a {@link GithubReplayServer}, newest first by {@code created_at} as GitHub serves
 * them, trimmed to the API's window (300 events by default: older ones are gone, as on GitHub).
 *
 * <p>Events come from the bundled fixtures ({@link #addFixture}), from a generator ({@link #generate}) whose ids
 * are unique across the server's streams and increasing overall but, like real recordings, not strictly decreasing inside a page, or from the test
 * ({@link #add}). Late events ({@link #addLate}) are inserted at the place their {@code created_at} gives them.
 * Thread-safe: tests add events while a connector polls.
 */
public final class EventTimeline {
    /** The GitHub events API keeps at most this many events per stream. */
    public static final int DEFAULT_WINDOW = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TYPES = {"PushEvent", "WatchEvent", "CreateEvent", "IssuesEvent",
        "PullRequestEvent", "ForkEvent", "IssueCommentEvent", "ReleaseEvent", "FutureUnknownEvent"};

    private final String stream;
    private final List<ObjectNode> events = new ArrayList<>();
    private int window = DEFAULT_WINDOW;
    private final AtomicLong ids;
    private long generated;

    /** @param ids the server's id sequence: ids are unique across streams, as on GitHub */
    EventTimeline(String stream, AtomicLong ids) {
        this.stream = stream;
        this.ids = ids;
    }

    /** The stream name, e.g. {@code repos/octo/hello}. */
    public String stream() {
        return stream;
    }

    /** Keeps at most {@code size} events (the oldest are dropped), like GitHub's 300-event window. */
    public synchronized EventTimeline window(int size) {
        this.window = size;
        trim();
        return this;
    }

    /**
     * Adds every event of a bundled fixture, e.g. {@code events-page-2013-01-10.json} (see the README next to
     * the fixtures under {@code github/}), and returns their ids.
     */
    public synchronized List<String> addFixture(String resource) {
        try (InputStream in = EventTimeline.class.getResourceAsStream("/github/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture github/" + resource + " on the classpath");
            }
            ArrayNode array = (ArrayNode) JSON.readTree(in);
            List<ObjectNode> nodes = new ArrayList<>();
            array.forEach(n -> nodes.add((ObjectNode) n.deepCopy()));
            return add(nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds events given as JSON objects and returns their ids. */
    public synchronized List<String> add(List<ObjectNode> newEvents) {
        List<String> ids = new ArrayList<>();
        for (ObjectNode event : newEvents) {
            insert(event);
            ids.add(event.path("id").asText());
        }
        trim();
        return ids;
    }

    /**
     * Generates {@code n} new events created now and returns their ids. Every fifth pair has its ids swapped, so
     * ids are not monotonic inside a page, as on GitHub.
     */
    public synchronized List<String> generate(int n) {
        return generate(n, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Generates {@code n} events created at {@code createdAt} and returns their ids. */
    public synchronized List<String> generate(int n, Instant createdAt) {
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = ids.addAndGet(1 + ThreadLocalRandom.current().nextInt(3));
            batch.add(event(Long.toString(id), createdAt));
        }
        for (int i = 0; i + 1 < batch.size(); i += 10) {
            // An inversion: the later event carries the smaller id.
            JsonNode a = batch.get(i).get("id");
            batch.get(i).set("id", batch.get(i + 1).get("id"));
            batch.get(i + 1).set("id", a);
        }
        return add(batch);
    }

    /** Adds one event created {@code age} ago, appearing only now (the API can lag minutes to hours). */
    public synchronized String addLate(Duration age) {
        ObjectNode event = event(Long.toString(ids.incrementAndGet()), Instant.now().minus(age).truncatedTo(ChronoUnit.SECONDS));
        return add(List.of(event)).get(0);
    }

    /** The ids currently served, newest first. */
    public synchronized List<String> ids() {
        List<String> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    /** A copy of the events currently served, newest first. */
    public synchronized List<ObjectNode> snapshot() {
        List<ObjectNode> copy = new ArrayList<>();
        events.forEach(e -> copy.add(e.deepCopy()));
        return copy;
    }

    /** How many events are served now. */
    public synchronized int size() {
        return events.size();
    }

    private void insert(ObjectNode event) {
        Instant created = Instant.parse(event.path("created_at").asText());
        int at = 0;
        // Newest first; an event goes before every event that is not newer than it (new arrivals on top).
        while (at < events.size() && Instant.parse(events.get(at).path("created_at").asText()).isAfter(created)) {
            at++;
        }
        events.add(at, event);
    }

    private void trim() {
        while (events.size() > window) {
            events.remove(events.size() - 1);
        }
    }

    private ObjectNode event(String id, Instant createdAt) {
        long seq = generated++;
        String type = TYPES[(int) (seq % TYPES.length)];
        String repoName = stream.startsWith("repos/") ? stream.substring(6) : "gen-owner/repo-" + (seq % 7);
        ObjectNode event = JSON.createObjectNode();
        event.put("id", id);
        event.put("type", type);
        ObjectNode actor = event.putObject("actor");
        actor.put("id", 1000 + seq % 13);
        actor.put("login", "user-" + seq % 13);
        ObjectNode repo = event.putObject("repo");
        repo.put("id", 500_000 + repoName.hashCode() % 1000);
        repo.put("name", repoName);
        ObjectNode payload = event.putObject("payload");
        if ("PushEvent".equals(type)) {
            // The post-2025-08 PushEvent payload: no commits, no size.
            payload.put("repository_id", 500_000 + repoName.hashCode() % 1000);
            payload.put("push_id", 10_000_000_000L + seq);
            payload.put("ref", "refs/heads/main");
            payload.put("head", String.format("%040x", seq));
            payload.put("before", String.format("%040x", seq + 1));
        } else {
            payload.put("action", "started");
        }
        event.put("public", true);
        event.put("created_at", createdAt.toString());
        if (seq % 3 == 0) {
            ObjectNode org = event.putObject("org");
            org.put("id", 77);
            org.put("login", "gen-org");
        }
        return event;
    }
}
