package io.tsconnect.github;

/**
 * What a task of the GitHub events source reports over JMX, as
 * {@code kafka.connect.tsconnect:type=github-events-task,connector=NAME,task=N}.
 */
public interface GithubEventsMetricsMXBean {
    /** HTTP requests sent, including retries and pages. */
    long getRequests();

    /** Requests answered {@code 304 Not Modified} (free of quota). */
    long getNotModified();

    /** Events emitted as records. */
    long getEventsEmitted();

    /** Events fetched again and not emitted because they were emitted before. */
    long getDuplicatesSuppressed();

    /** Events emitted although older than the newest already emitted (late arrivals). */
    long getLateEvents();

    /** Polls after which events may have been missed (nothing fetched overlapped what was emitted). */
    long getPossibleGaps();

    /** The last {@code x-ratelimit-remaining} seen, or -1 before any. */
    long getRateLimitRemaining();

    /** Waits imposed by rate limits (Retry-After, exhausted quota, reserve, 403/429 backoff). */
    long getRateLimitWaits();

    /** Total milliseconds of those waits. */
    long getRateLimitWaitMs();

    /** Failed requests retried later (5xx, I/O errors, 404 and other statuses). */
    long getErrors();

    /** When this run of the task started, in epoch milliseconds. */
    long getStartedAt();
}
