package io.tsconnect.github;

import org.junit.jupiter.api.Test;

import io.tsconnect.common.config.ConfigDocs;
import io.tsconnect.github.config.GithubEventsSourceConfig;
import io.tsconnect.testsupport.ConfigDocsCheck;

class GithubEventsConfigDocsTest {
    static final String INTRO = """
        `io.tsconnect.github.GithubEventsSourceConnector` reads GitHub event streams from the REST events API into \
        Kafka, one source partition per stream, with no duplicates and no gaps across restarts and rebalances.

        **Streams.** `events` (the public timeline), `repos/OWNER/REPO`, `orgs/ORG`, `users/USER`, \
        `users/USER/received`, `networks/OWNER/REPO`. Streams are shared over min(`tasks.max`, streams) tasks.

        **Polling.** Each poll GETs the first page (`per_page=100`) with `If-None-Match` (a `304` costs no quota), \
        follows `Link: rel="next"` until a page overlaps what was already emitted, and looks at every event of \
        every page (ids are not ordered inside a page). The next poll of a stream comes after the longer of \
        `X-Poll-Interval` and `github.poll.interval.min.ms`.

        **Offsets.** Per stream: the newest event's id and `created_at` and the ids of the last 300 emitted events \
        (`{"newest_id": "…", "newest_created_at": <epoch ms>, "recent_ids": […]}` under partition \
        `{"stream": "…"}`). They can be altered or reset with `PATCH`/`DELETE /connectors/NAME/offsets`. When \
        nothing fetched overlaps the stored offset the task logs a possible gap and counts it \
        (`PossibleGaps`). With `exactly.once.source.support=enabled` on the workers records and offsets are \
        committed in one transaction.

        **Delivery.** A restart, rebalance or worker shutdown emits nothing twice and skips nothing the API still         returns. Without exactly-once, a worker that crashes (no graceful stop) can emit again the events written         after its last offset flush; with `exactly.once.source.support=enabled` it cannot (records of an         unfinished transaction are aborted). De-duplication is per stream: an event listed by two configured         streams (say `repos/o/r` and `orgs/o`) is emitted once for each.

        **Rate limits.** `403`/`429` with `Retry-After` pause every stream of the task for that long; with \
        `x-ratelimit-remaining: 0` until `x-ratelimit-reset` plus jitter; otherwise for a minute, doubling. `401` \
        fails the task. `404` backs off that stream only. `5xx` and I/O errors are retried with backoff \
        (`max.retries`). Redirects (`301`) are followed.

        **Records.** Key: the event id (string). Timestamp: `created_at`. Value (`value.format=struct`): \
        `id`, `type`, `created_at` (Timestamp logical type), `actor`, `actor_id`, `repo`, `repo_id`, `org` \
        (optional), `public`, `payload` (JSON text). With `JsonConverter` and `schemas.enable=false`, \
        `created_at` is written as epoch milliseconds, which the QuestDB sink reads as the designated timestamp. \
        Unknown event types pass through.

        **Metrics.** JMX `kafka.connect.tsconnect:type=github-events-task,connector=NAME,task=N`: Requests, \
        NotModified, EventsEmitted, DuplicatesSuppressed, LateEvents, PossibleGaps, RateLimitRemaining, \
        RateLimitWaits, RateLimitWaitMs, Errors.
        """;

    @Test
    void configReferenceIsCurrent() {
        ConfigDocsCheck.assertCurrent("github-events-source-connector",
            ConfigDocs.markdown("GitHub events source connector", INTRO, GithubEventsSourceConfig.CONFIG_DEF));
    }
}
