package io.tsconnect.testsupport.github;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A stand-in for the GitHub REST events API on a free loopback port, replaying fixtures and generated events
 * the way {@code api.github.com} serves them:
 * <ul>
 *   <li>every stream path: {@code /events}, {@code /repos/O/R/events}, {@code /orgs/O/events},
 *       {@code /users/U/events}, {@code /users/U/received_events}, {@code /networks/O/R/events} (also under an
 *       Enterprise Server prefix {@code /api/v3});</li>
 *   <li>pages with {@code per_page} (default 30, max 100) and {@code page}, {@code Link} headers with
 *       {@code next}/{@code last}/{@code prev}/{@code first}, and {@code 422} past the last page;</li>
 *   <li>a weak {@code ETag} per page and {@code 304 Not Modified} on a matching {@code If-None-Match}, which costs
 *       no quota;</li>
 *   <li>{@code X-Poll-Interval}, {@code Cache-Control}, {@code Last-Modified} and the rate-limit headers
 *       {@code x-ratelimit-limit/remaining/used/reset/resource}; a real quota ({@link #rateLimit}) that answers
 *       {@code 403} with {@code x-ratelimit-remaining: 0} once spent;</li>
 *   <li>{@code 401 Bad credentials} when a token is required ({@link #requireToken}) and missing or wrong;
 *       {@code 404} for streams never created; {@code 301} for renamed streams ({@link #redirect});</li>
 *   <li>scripted faults ({@link #script}): 403/429 with {@code Retry-After}, primary-limit 403, 5xx, dropped
 *       connections, redirects, slow answers;</li>
 *   <li>a record of every request with its headers and the status answered ({@link #requests}).</li>
 * </ul>
 * Header names are sent as the JDK server writes them ({@code X-ratelimit-remaining}): not GitHub's lower case,
 * but just as case-sensitive clients would trip on them.
 *
 * <pre>{@code
 * try (GithubReplayServer github = GithubReplayServer.start()) {
 *     github.stream("events").addFixture("events-page-2013-01-10.json");   // 30 recorded events
 *     github.stream("repos/octo/hello").generate(120);                    // synthetic events
 *     String apiUrl = github.baseUrl();                                    // e.g. http://127.0.0.1:41234
 *     github.script("repos/octo/hello", Fault.retryAfter(403, 1), Fault.status(502));
 *     ... run the connector against apiUrl ...
 *     github.requests("events").get(0).header("user-agent");
 * }
 * }</pre>
 */
public final class GithubReplayServer implements AutoCloseable {
    /** The page size when a request has no {@code per_page}. */
    public static final int DEFAULT_PER_PAGE = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STREAM_PATH = Pattern.compile(
        "^(?:/api/v3)?/(?:(events)|(repos/[^/]+/[^/]+)/events|(orgs/[^/]+)/events|(users/[^/]+)/events"
            + "|(users/[^/]+)/received_events|(networks/[^/]+/[^/]+)/events)/?$");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, EventTimeline> streams = new ConcurrentHashMap<>();
    private final AtomicLong eventIds = new AtomicLong(40_000_000_000L);
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> scripts = new HashMap<>();
    private final Deque<Fault> globalScript = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile int pollIntervalSeconds = 60;
    private volatile String requiredToken;
    private int rateLimit = 5000;
    private int remaining = 5000;
    private Duration rateWindow = Duration.ofHours(1);
    private Instant resetAt = Instant.now().plus(rateWindow);

    private GithubReplayServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on a free port of {@code 127.0.0.1}. */
    public static GithubReplayServer start() {
        return start(null);
    }

    /**
     * Starts an HTTPS server on a free port of {@code 127.0.0.1} whose certificate comes from {@code tls} (a
     * certificate for {@code 127.0.0.1}, for tests of trust settings).
     */
    public static GithubReplayServer startHttps(SSLContext tls) {
        return start(tls);
    }

    private static GithubReplayServer start(SSLContext tls) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            HttpServer server;
            if (tls == null) {
                server = HttpServer.create(address, 50);
            } else {
                HttpsServer https = HttpsServer.create(address, 50);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "github-replay-server");
                t.setDaemon(true);
                return t;
            });
            GithubReplayServer replay = new GithubReplayServer(server, executor);
            server.createContext("/", replay::handle);
            server.setExecutor(executor);
            server.start();
            return replay;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the GitHub replay server", e);
        }
    }

    /**
     * Makes generated event ids start above {@code id}: a replay that outlives its process (the quickstart, started
     * again on the same Kafka data) gives its new events ids no earlier run gave, as GitHub's ids never repeat.
     */
    public GithubReplayServer idsAbove(long id) {
        eventIds.accumulateAndGet(id, Math::max);
        return this;
    }

    /** The API base URL, e.g. {@code http://127.0.0.1:41234} (what {@code github.api.url} is set to). */
    public String baseUrl() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The timeline of {@code stream} ({@code events}, {@code repos/O/R}, …), created empty on first use. */
    public EventTimeline stream(String stream) {
        return streams.computeIfAbsent(stream, s -> new EventTimeline(s, eventIds));
    }

    /** Sets the {@code X-Poll-Interval} answered (GitHub: 60). */
    public GithubReplayServer pollInterval(int seconds) {
        this.pollIntervalSeconds = seconds;
        return this;
    }

    /** Answers {@code 401} unless the request carries {@code Authorization: Bearer <token>}. */
    public GithubReplayServer requireToken(String token) {
        this.requiredToken = token;
        return this;
    }

    /** Sets the quota: {@code limit} non-304 answers per {@code window}, then 403 until the reset. */
    public synchronized GithubReplayServer rateLimit(int limit, Duration window) {
        this.rateLimit = limit;
        this.remaining = limit;
        this.rateWindow = window;
        this.resetAt = Instant.now().plus(window);
        return this;
    }

    /** Answers {@code 301} to {@code to}'s URL for every request of stream {@code from}. */
    public GithubReplayServer redirect(String from, String to) {
        redirects.put(from, to);
        return this;
    }

    /** Queues faults answering the next requests of any stream, one each, in order. */
    public synchronized void script(Fault... faults) {
        globalScript.addAll(List.of(faults));
    }

    /** Queues faults answering the next requests of {@code stream}, one each, in order. */
    public synchronized void script(String stream, Fault... faults) {
        scripts.computeIfAbsent(stream, s -> new ArrayDeque<>()).addAll(List.of(faults));
    }

    /** How many scripted faults are still waiting for a request. */
    public synchronized int pendingFaults() {
        return globalScript.size() + scripts.values().stream().mapToInt(Deque::size).sum();
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests for {@code stream}. */
    public List<RecordedRequest> requests(String stream) {
        return requests.stream().filter(r -> stream.equals(r.stream())).toList();
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        requests.clear();
    }

    /** The quota left now. */
    public synchronized int rateLimitRemaining() {
        return remaining;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            Matcher m = STREAM_PATH.matcher(path);
            String stream = null;
            if (m.matches()) {
                for (int g = 1; g <= m.groupCount() && stream == null; g++) {
                    stream = m.group(g) == null ? null : (g == 5 ? m.group(g) + "/received" : m.group(g));
                }
            }
            Reply reply = answer(exchange, stream, query);
            // Recorded before the answer leaves, so a client that saw the answer also sees the record.
            requests.add(new RecordedRequest(Instant.now(), exchange.getRequestMethod(), path, query, stream,
                lowerCase(exchange.getRequestHeaders()), reply.status));
            send(exchange, reply);
        }
    }

    /** A status and body to send; status 0 closes the connection without an answer. */
    private record Reply(int status, byte[] body) {
    }

    private Reply answer(HttpExchange exchange, String stream, String query) throws IOException {
        if (requiredToken != null
            && !("Bearer " + requiredToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return reply(401, message("Bad credentials"));
        }
        Fault fault = nextFault(stream);
        if (fault != null && fault.kind() == Fault.Kind.DELAY) {
            try {
                Thread.sleep(fault.duration().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply(0, null);
            }
        } else if (fault != null) {
            return fault(exchange, fault, query);
        }
        if (stream != null && redirects.containsKey(stream)) {
            exchange.getResponseHeaders().set("Location", baseUrl() + pathOf(redirects.get(stream))
                + (query.isEmpty() ? "" : "?" + query));
            return reply(301, message("Moved Permanently"));
        }
        EventTimeline timeline = stream == null ? null : streams.get(stream);
        if (timeline == null || !"GET".equals(exchange.getRequestMethod())) {
            return reply(404, message("Not Found"));
        }
        return page(exchange, timeline, query);
    }

    private Reply page(HttpExchange exchange, EventTimeline timeline, String query) throws IOException {
        int perPage = Math.min(100, Math.max(1, intParam(query, "per_page", DEFAULT_PER_PAGE)));
        int page = Math.max(1, intParam(query, "page", 1));
        List<ObjectNode> events = timeline.snapshot();
        int lastPage = Math.max(1, (events.size() + perPage - 1) / perPage);
        if (page > lastPage) {
            return reply(422, message("In order to keep the API fast for everyone, pagination is limited "
                + "for this resource."));
        }
        List<ObjectNode> slice = events.subList((page - 1) * perPage, Math.min(events.size(), page * perPage));
        byte[] body = JSON.writeValueAsBytes(slice);
        String etag = "W/\"" + sha1(body) + "\"";
        Headers h = exchange.getResponseHeaders();
        h.set("ETag", etag);
        h.set("X-Poll-Interval", Integer.toString(pollIntervalSeconds));
        h.set("Cache-Control", "public, max-age=60, s-maxage=60");
        h.set("Last-Modified", HTTP_DATE.format(Instant.now()));
        String link = links(exchange.getRequestURI().getRawPath(), perPage, page, lastPage);
        if (!link.isEmpty()) {
            h.set("Link", link);
        }
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            rateHeaders(h, false);
            return reply(304, null);
        }
        if (!rateHeaders(h, true)) {
            h.remove("ETag");
            h.remove("Link");
            return reply(403, message("API rate limit exceeded for 127.0.0.1."));
        }
        h.set("Content-Type", "application/json; charset=utf-8");
        return reply(200, body);
    }

    /** Sets the rate-limit headers; spends one unit when {@code spend}; false when the quota is exhausted. */
    private synchronized boolean rateHeaders(Headers h, boolean spend) {
        Instant now = Instant.now();
        if (!now.isBefore(resetAt)) {
            remaining = rateLimit;
            resetAt = now.plus(rateWindow);
        }
        boolean allowed = !spend || remaining > 0;
        if (spend && allowed) {
            remaining--;
        }
        h.set("x-ratelimit-limit", Integer.toString(rateLimit));
        h.set("x-ratelimit-remaining", Integer.toString(remaining));
        h.set("x-ratelimit-used", Integer.toString(rateLimit - remaining));
        h.set("x-ratelimit-reset", Long.toString(resetAt.getEpochSecond()));
        h.set("x-ratelimit-resource", "core");
        return allowed;
    }

    private Reply fault(HttpExchange exchange, Fault fault, String query) throws IOException {
        Headers h = exchange.getResponseHeaders();
        switch (fault.kind()) {
            case DISCONNECT:
                // No status line at all: the client's read fails.
                return new Reply(0, null);
            case RETRY_AFTER:
                h.set("Retry-After", Long.toString(fault.duration().toSeconds()));
                return reply(fault.status(), message("You have exceeded a secondary rate limit. "
                    + "Please wait a few minutes before you try again."));
            case PRIMARY_LIMIT:
                h.set("x-ratelimit-limit", Integer.toString(rateLimit));
                h.set("x-ratelimit-remaining", "0");
                h.set("x-ratelimit-used", Integer.toString(rateLimit));
                h.set("x-ratelimit-reset", Long.toString(Instant.now().plus(fault.duration()).getEpochSecond()
                    + (fault.duration().toMillis() % 1000 == 0 ? 0 : 1)));
                return reply(403, message("API rate limit exceeded for 127.0.0.1."));
            case REDIRECT:
                h.set("Location", baseUrl() + pathOf(fault.target()) + (query.isEmpty() ? "" : "?" + query));
                return reply(301, message("Moved Permanently"));
            default:
                return reply(fault.status(), message("Scripted failure " + fault.status()));
        }
    }

    private synchronized Fault nextFault(String stream) {
        Deque<Fault> own = stream == null ? null : scripts.get(stream);
        if (own != null && !own.isEmpty()) {
            return own.poll();
        }
        return globalScript.poll();
    }

    private String links(String path, int perPage, int page, int lastPage) {
        List<String> links = new ArrayList<>();
        String base = baseUrl() + path + "?per_page=" + perPage + "&page=";
        if (page < lastPage) {
            links.add("<" + base + (page + 1) + ">; rel=\"next\"");
            links.add("<" + base + lastPage + ">; rel=\"last\"");
        }
        if (page > 1) {
            links.add("<" + base + 1 + ">; rel=\"first\"");
            links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
        }
        return String.join(", ", links);
    }

    /** The events path of a stream name. */
    static String pathOf(String stream) {
        if (stream.equals("events")) {
            return "/events";
        }
        if (stream.startsWith("users/") && stream.endsWith("/received")) {
            return "/" + stream.substring(0, stream.length() - "/received".length()) + "/received_events";
        }
        return "/" + stream + "/events";
    }

    private static Reply reply(int status, byte[] body) {
        return new Reply(status, body);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.status == 0) {
            return;
        }
        boolean empty = reply.body == null || reply.status == 304;
        exchange.sendResponseHeaders(reply.status, empty ? -1 : reply.body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body);
            }
        }
    }

    private static byte[] message(String message) {
        return ("{\"message\":\"" + message + "\",\"documentation_url\":\"https://docs.github.com/rest\"}")
            .getBytes(StandardCharsets.UTF_8);
    }

    private static int intParam(String query, String name, int fallback) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return Integer.parseInt(pair.substring(eq + 1));
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    private static Map<String, List<String>> lowerCase(Headers headers) {
        Map<String, List<String>> out = new HashMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return Map.copyOf(out);
    }

    private static String sha1(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
