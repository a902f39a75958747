package io.tsconnect.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.common.Version;
import io.tsconnect.github.RateLimitPolicy.Decision;
import io.tsconnect.github.config.GithubEventsTaskConfig;

/**
 * Polls the streams assigned to it, each when due, and returns their new events as records. {@link #poll()}
 * blocks at most about a second when nothing is due, and returns at once when the task is stopped, even in the
 * middle of a request.
 */
public final class GithubEventsSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(GithubEventsSourceTask.class);
    private static final Duration MAX_IDLE = Duration.ofSeconds(1);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Clock clock = Clock.systemUTC();
    private GithubEventsTaskConfig config;
    private GithubEventsMetrics metrics;
    private GithubClient client;
    private RateLimitPolicy policy;
    private EventMapper mapper;
    private PollSchedule schedule;

    @Override
    public String version() {
        return Version.of(GithubEventsSourceTask.class, "github-events-source-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        config = new GithubEventsTaskConfig(props);
        metrics = GithubEventsMetrics.register(config.connectorName(), config.taskId());
        client = new GithubClient(config, metrics);
        policy = new RateLimitPolicy(config.rateLimitReserve(), config.rateLimitBackoff(), config.retry(), clock);
        mapper = new EventMapper(config.topic(), config.valueFormat());
        List<EventStream> streams = config.taskStreams();
        Map<Map<String, String>, Map<String, Object>> stored =
            context.offsetStorageReader().offsets(streams.stream().map(EventStream::partition).toList());
        List<StreamPoller> pollers = new ArrayList<>();
        for (EventStream stream : streams) {
            StreamOffset offset = readOffset(stream, stored.get(stream.partition()));
            pollers.add(new StreamPoller(stream, config.apiUrl(), config.perPage(), config.lateEventWindow(), offset,
                metrics));
            log.info("Stream {} starts from {}", stream, offset);
        }
        schedule = new PollSchedule(pollers, clock.instant());
        if (config.tokenIsUnresolved()) {
            // The reference itself is no secret; its value never reached us.
            log.warn("github.token is the unresolved reference {}: polling without a token (60 requests an hour). "
                + "Set the variable or file on every worker to authenticate.", config.getPassword(
                GithubEventsTaskConfig.TOKEN_CONFIG).value());
        }
        log.info("Task {} of {} polls {} stream(s) from {}", config.taskId(), config.connectorName(), streams.size(),
            config.apiUrl());
    }

    private static StreamOffset readOffset(EventStream stream, Map<String, Object> stored) {
        try {
            return StreamOffset.fromMap(stored);
        } catch (IllegalArgumentException e) {
            throw new ConnectException("The stored offset of stream " + stream + " is unreadable (" + e.getMessage()
                + "); correct or reset it with PATCH/DELETE /connectors/<name>/offsets", e);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopped.getCount() == 0) {
            return null;
        }
        Instant now = clock.instant();
        PollSchedule.Slot slot = schedule.next();
        Instant due = schedule.dueTime(slot);
        if (due.isAfter(now)) {
            Duration idle = Duration.between(now, due);
            stopped.await(Math.min(idle.toMillis(), MAX_IDLE.toMillis()) + 1, TimeUnit.MILLISECONDS);
            return null;
        }
        return pollStream(slot);
    }

    private List<SourceRecord> pollStream(PollSchedule.Slot slot) {
        EventStream stream = slot.poller.stream();
        StreamPoller.Outcome outcome;
        try {
            outcome = slot.poller.poll(client);
        } catch (InterruptedIOException e) {
            if (stopped.getCount() == 0) {
                return null;
            }
            apply(slot, policy.afterIoError("Timed out polling " + stream + ": " + e.getMessage(), slot.failures));
            return null;
        } catch (IOException e) {
            apply(slot, policy.afterIoError("I/O error polling " + stream + ": " + e, slot.failures));
            return null;
        }
        Instant now = clock.instant();
        if (outcome instanceof StreamPoller.Failed failed) {
            apply(slot, policy.afterFailure(failed.response(), slot.failures, schedule.rateLimitStrikes()));
            return null;
        }
        if (outcome instanceof StreamPoller.NotModified notModified) {
            schedule.succeeded(slot, now.plus(interval(notModified.pollInterval().orElse(Duration.ZERO))));
            apply(slot, policy.afterSuccess(notModified.response()));
            return null;
        }
        StreamPoller.Fetched fetched = (StreamPoller.Fetched) outcome;
        schedule.succeeded(slot, now.plus(interval(fetched.pollInterval().orElse(Duration.ZERO))));
        apply(slot, policy.afterSuccess(fetched.last()));
        if (fetched.events().isEmpty()) {
            return null;
        }
        List<SourceRecord> records = new ArrayList<>(fetched.events().size());
        fetched.events().forEach(e -> records.add(mapper.toRecord(stream, e.event(), e.offset())));
        metrics.emitted(records.size());
        log.debug("Stream {}: {} new event(s)", stream, records.size());
        return records;
    }

    /** The wait before the next poll of a stream: what the API asks for, never below the configured minimum. */
    private Duration interval(Duration asked) {
        return asked.compareTo(config.minPollInterval()) > 0 ? asked : config.minPollInterval();
    }

    private void apply(PollSchedule.Slot slot, Decision decision) {
        Instant until = clock.instant().plus(decision.delay());
        switch (decision.action()) {
            case FAIL -> throw new ConnectException(decision.reason());
            case PAUSE_ALL -> {
                schedule.pauseAll(until);
                metrics.rateLimitWait(decision.delay());
                log.info("Rate limited ({}); pausing {} stream(s) for {} ms", decision.reason(), schedule.size(),
                    decision.delay().toMillis());
            }
            case BACK_OFF_STREAM -> {
                schedule.failed(slot, until);
                metrics.error();
                log.warn("Stream {}: {}; retry {} in {} ms", slot.poller.stream(), decision.reason(), slot.failures,
                    decision.delay().toMillis());
            }
            default -> {
            }
        }
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (client != null) {
            client.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
