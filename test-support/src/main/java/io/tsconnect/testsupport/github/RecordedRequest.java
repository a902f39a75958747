package io.tsconnect.testsupport.github;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the {@link GithubReplayServer} received, with the answer it gave, for assertions.
 *
 * @param at when it arrived
 * @param method the HTTP method
 * @param path the request path, e.g. {@code /repos/octo/hello/events}
 * @param query the raw query string, or {@code ""}
 * @param stream the stream the path names (e.g. {@code repos/octo/hello}), or {@code null} for other paths
 * @param headers the request headers, names in lower case
 * @param status the status code answered
 */
public record RecordedRequest(Instant at, String method, String path, String query, String stream,
                              Map<String, List<String>> headers, int status) {

    /** The first value of request header {@code name} (any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The value of query parameter {@code name}, or {@code null}. */
    public String queryParam(String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    /** The page asked for (1 when the query has none). */
    public int page() {
        String page = queryParam("page");
        return page == null ? 1 : Integer.parseInt(page);
    }
}
