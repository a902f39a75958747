package io.tsconnect.github;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One answer of the API: status, headers (names matched case-insensitively: GitHub now sends them in lower
 * case, proxies and older servers do not) and body.
 */
public final class ApiResponse {
    private final URI uri;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    /**
     * @param uri the URI that answered (after redirects)
     * @param status the status code
     * @param headers the response headers, any case
     * @param body the body, empty for none
     */
    public ApiResponse(URI uri, int status, Map<String, List<String>> headers, byte[] body) {
        this.uri = uri;
        this.status = status;
        this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.headers.putAll(headers);
        this.body = body == null ? new byte[0] : body;
    }

    public URI uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    /** The first value of header {@code name}, in any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /** A header holding a whole number, if present and readable. */
    public OptionalLong longHeader(String name) {
        Optional<String> value = header(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code X-Poll-Interval}, if present. */
    public Optional<Duration> pollInterval() {
        OptionalLong seconds = longHeader("x-poll-interval");
        return seconds.isPresent() ? Optional.of(Duration.ofSeconds(seconds.getAsLong())) : Optional.empty();
    }

    /** {@code x-ratelimit-remaining}, if present. */
    public OptionalLong rateLimitRemaining() {
        return longHeader("x-ratelimit-remaining");
    }

    /** {@code x-ratelimit-reset} as an instant, if present. */
    public Optional<Instant> rateLimitReset() {
        OptionalLong epoch = longHeader("x-ratelimit-reset");
        return epoch.isPresent() ? Optional.of(Instant.ofEpochSecond(epoch.getAsLong())) : Optional.empty();
    }

    /** {@code Retry-After} (seconds or an HTTP date) as a wait from {@code now}, if present. */
    public Optional<Duration> retryAfter(Instant now) {
        Optional<String> value = header("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** The URI of {@code Link: <…>; rel="next"}, if any. */
    public Optional<URI> nextLink() {
        return header("link").flatMap(link -> LinkHeader.find(link, "next")).map(uri::resolve);
    }

    /** The start of the body as text, for error messages (GitHub puts the reason in {@code message}). */
    public String bodySnippet() {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
