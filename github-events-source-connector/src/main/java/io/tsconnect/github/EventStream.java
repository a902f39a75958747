package io.tsconnect.github;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One events feed of the GitHub API, named as in the {@code github.streams} setting: {@code events},
 * {@code repos/OWNER/REPO}, {@code orgs/ORG}, {@code users/USER}, {@code users/USER/received} or
 * {@code networks/OWNER/REPO}. Each stream is one source partition.
 *
 * @param name the stream as configured, which is also its source partition
 * @param path the API path of its first page, e.g. {@code /repos/octo/hello/events}
 */
public record EventStream(String name, String path) {
    /** The source partition key holding the stream name. */
    public static final String PARTITION_KEY = "stream";
    /** The accepted forms, for error messages and docs. */
    public static final String FORMS = "events, repos/OWNER/REPO, orgs/ORG, users/USER, users/USER/received, "
        + "networks/OWNER/REPO";
    // A name segment; "." and ".." are refused so that no stream can walk out of its API path.
    private static final String SEGMENT = "(?!\\.{1,2}(?:/|$))[A-Za-z0-9._-]+";
    private static final Pattern REPO = Pattern.compile("(repos|networks)/" + SEGMENT + "/" + SEGMENT);
    private static final Pattern ORG_OR_USER = Pattern.compile("(orgs|users)/" + SEGMENT);
    private static final Pattern RECEIVED = Pattern.compile("users/" + SEGMENT + "/received");

    /**
     * Parses a configured stream.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static EventStream parse(String value) {
        String name = value == null ? "" : value.trim();
        if (name.equals("events")) {
            return new EventStream(name, "/events");
        }
        if (REPO.matcher(name).matches() || ORG_OR_USER.matcher(name).matches()) {
            return new EventStream(name, "/" + name + "/events");
        }
        if (RECEIVED.matcher(name).matches()) {
            return new EventStream(name, "/" + name + "_events");
        }
        throw new IllegalArgumentException("'" + value + "' is not a stream; use one of: " + FORMS);
    }

    /** The source partition of this stream. */
    public Map<String, String> partition() {
        return Map.of(PARTITION_KEY, name);
    }

    /** The name with every character a topic name cannot hold replaced by {@code .}, e.g. {@code repos.o.r}. */
    public String topicSafeName() {
        return name.replaceAll("[^A-Za-z0-9._-]", ".");
    }

    @Override
    public String toString() {
        return name;
    }
}
