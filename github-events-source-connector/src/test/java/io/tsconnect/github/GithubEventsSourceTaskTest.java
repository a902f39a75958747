package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tsconnect.github.config.GithubEventsSourceConfig;
import io.tsconnect.github.config.GithubEventsTaskConfig;
import io.tsconnect.testsupport.github.Fault;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.github.RecordedRequest;

/** The task against the replay server: scheduling, headers, failures, prompt stop. */
class GithubEventsSourceTaskTest {
    private GithubReplayServer github;
    private GithubEventsSourceTask task;
    private final Map<Map<String, ?>, Map<String, Object>> stored = new HashMap<>();

    @BeforeEach
    void start() {
        github = GithubReplayServer.start().pollInterval(1);
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
        github.close();
    }

    private Map<String, String> config(String streams) {
        Map<String, String> config = new HashMap<>();
        config.put(GithubEventsSourceConfig.API_URL_CONFIG, github.baseUrl());
        config.put(GithubEventsSourceConfig.STREAMS_CONFIG, streams);
        config.put(GithubEventsTaskConfig.TASK_STREAMS_CONFIG, streams);
        config.put(GithubEventsSourceConfig.POLL_MIN_CONFIG, "100");
        config.put(GithubEventsSourceConfig.RATE_BACKOFF_INITIAL_CONFIG, "200");
        config.put("retry.backoff.initial.ms", "50");
        return config;
    }

    private void startTask(Map<String, String> config) {
        task = new GithubEventsSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return stored.get(partition);
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                        partitions.forEach(p -> out.put(p, stored.get(p)));
                        return out;
                    }
                };
            }
        });
        task.start(config);
    }

    /** Polls until {@code n} records arrived or {@code timeout} passed. */
    private List<SourceRecord> pollFor(int n, Duration timeout) throws InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        while (out.size() < n && System.nanoTime() < end) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                out.addAll(batch);
            }
        }
        return out;
    }

    private static Set<String> keys(List<SourceRecord> records) {
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add((String) r.key()));
        return keys;
    }

    @Test
    void requestsCarryTheApiHeadersAndTheTokenOnlyWhenConfigured() throws InterruptedException {
        github.stream("events").addFixture("events-page-2013-01-10.json");
        github.stream("orgs/octo").generate(3);
        Map<String, String> config = config("events");
        config.put(GithubEventsSourceConfig.TOKEN_CONFIG, "ghp_secret");
        startTask(config);
        assertEquals(30, pollFor(30, Duration.ofSeconds(10)).size());
        task.stop();
        startTask(config("orgs/octo"));
        assertEquals(3, pollFor(3, Duration.ofSeconds(10)).size());

        RecordedRequest withToken = github.requests("events").get(0);
        assertEquals("Bearer ghp_secret", withToken.header("authorization"));
        assertEquals("tsconnect-github-events-source", withToken.header("user-agent"));
        assertEquals("2022-11-28", withToken.header("x-github-api-version"));
        assertEquals("application/vnd.github+json", withToken.header("accept"));
        assertEquals("100", withToken.queryParam("per_page"));
        task.stop();
        Map<String, String> unresolved = config("orgs/octo");
        unresolved.put(GithubEventsSourceConfig.TOKEN_CONFIG, "${env:TSCONNECT_UNSET_TOKEN}");
        github.stream("orgs/octo").generate(1);
        startTask(unresolved); // no stored offset in this test: the whole window again
        assertEquals(4, pollFor(4, Duration.ofSeconds(10)).size());
        assertTrue(github.requests("orgs/octo").stream().allMatch(r -> r.header("authorization") == null),
            "neither an unset nor an unresolved token is sent");
        RecordedRequest anonymous = github.requests("orgs/octo").get(0);
        assertNull(anonymous.header("authorization"));
        assertEquals("2022-11-28", anonymous.header("x-github-api-version"));
    }

    @Test
    void nextPollWaitsForXPollIntervalAndSendsIfNoneMatch() throws InterruptedException {
        github.pollInterval(2).stream("events").generate(5);
        startTask(config("events"));
        assertEquals(5, pollFor(5, Duration.ofSeconds(10)).size());
        pollFor(1, Duration.ofMillis(1500));
        assertEquals(1, github.requests("events").size(), "X-Poll-Interval 2 s beats the 100 ms minimum");
        pollFor(1, Duration.ofMillis(1500));
        List<RecordedRequest> requests = github.requests("events");
        assertEquals(2, requests.size());
        assertEquals(304, requests.get(1).status());
        assertTrue(requests.get(1).header("if-none-match").startsWith("W/"));
    }

    @Test
    void pollReturnsWithinASecondWhenIdleAndAtOnceOnStop() throws Exception {
        github.pollInterval(3600).stream("events").generate(1);
        startTask(config("events"));
        assertEquals(1, pollFor(1, Duration.ofSeconds(10)).size());
        long t0 = System.nanoTime();
        assertNull(task.poll());
        assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1500), "idle poll blocked too long");

        CompletableFuture<List<SourceRecord>> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                List<SourceRecord> last = null;
                for (int i = 0; i < 100; i++) {
                    last = task.poll();
                }
                return last;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        long stopAt = System.nanoTime();
        task.stop();
        assertNull(blocked.get(2, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - stopAt < TimeUnit.MILLISECONDS.toNanos(1000), "poll did not wake on stop");
    }

    @Test
    void stopWakesAPollWaitingOnASlowApi() throws Exception {
        github.stream("events").generate(1);
        github.script(Fault.delay(Duration.ofSeconds(20)));
        startTask(config("events"));
        CompletableFuture<List<SourceRecord>> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertFalse(blocked.isDone(), "the request is still waiting for the slow answer");
        long stopAt = System.nanoTime();
        task.stop();
        assertNull(blocked.get(2, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - stopAt < TimeUnit.MILLISECONDS.toNanos(1000), "poll did not wake on stop");
    }

    @Test
    void reachesTheApiThroughTheConfiguredProxy() throws InterruptedException {
        List<String> ids = github.stream("events").generate(3);
        Map<String, String> config = config("events");
        // The replay server plays the proxy: the client sends it absolute-form requests for the unresolvable API.
        config.put(GithubEventsSourceConfig.API_URL_CONFIG, "http://api.github.invalid:8080");
        config.put(GithubEventsSourceConfig.PROXY_URL_CONFIG, github.baseUrl());
        startTask(config);
        assertEquals(new HashSet<>(ids), keys(pollFor(3, Duration.ofSeconds(10))));
        assertEquals("api.github.invalid:8080", github.requests("events").get(0).header("host"));
    }

    @Test
    void countsRequestsNotModifiedEmittedAndQuotaInJmx() throws Exception {
        github.stream("events").generate(5);
        Map<String, String> config = config("events");
        config.put(GithubEventsTaskConfig.CONNECTOR_NAME_CONFIG, "jmx-test");
        startTask(config);
        pollFor(5, Duration.ofSeconds(10));
        pollFor(1, Duration.ofMillis(1500));
        javax.management.ObjectName name = new javax.management.ObjectName(
            "kafka.connect.tsconnect:type=github-events-task,connector=\"jmx-test\",task=0");
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        assertEquals(5L, jmx.getAttribute(name, "EventsEmitted"));
        long requests = (Long) jmx.getAttribute(name, "Requests");
        assertEquals(github.requests("events").size(), requests);
        assertTrue(requests >= 2, "a second, conditional poll happened");
        assertEquals(requests - 1, jmx.getAttribute(name, "NotModified"));
        assertEquals((long) github.rateLimitRemaining(), jmx.getAttribute(name, "RateLimitRemaining"));
        task.stop();
        assertFalse(jmx.isRegistered(name), "unregistered when the task stops");
    }

    @Test
    void enterpriseServerBaseUrlWithAPathPrefix() throws InterruptedException {
        List<String> ids = github.stream("orgs/corp").generate(4);
        Map<String, String> config = config("orgs/corp");
        config.put(GithubEventsSourceConfig.API_URL_CONFIG, github.baseUrl() + "/api/v3/");
        startTask(config);
        assertEquals(new HashSet<>(ids), keys(pollFor(4, Duration.ofSeconds(10))));
        assertEquals("/api/v3/orgs/corp/events", github.requests("orgs/corp").get(0).path());
    }

    @Test
    void connectionFailuresAreRetriedWithoutFailingTheTask() throws Exception {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Map<String, String> config = config("events");
        config.put(GithubEventsSourceConfig.API_URL_CONFIG, "http://127.0.0.1:" + deadPort);
        config.put(GithubEventsTaskConfig.CONNECTOR_NAME_CONFIG, "dead-port");
        startTask(config);
        assertTrue(pollFor(1, Duration.ofSeconds(2)).isEmpty());
        Object errors = java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
            new javax.management.ObjectName("kafka.connect.tsconnect:type=github-events-task,"
                + "connector=\"dead-port\",task=0"), "Errors");
        assertTrue((Long) errors >= 2, "retried with backoff: " + errors);
    }

    @Test
    void unauthorizedFailsTheTaskWithoutLeakingTheToken() {
        github.requireToken("right").stream("events").generate(1);
        Map<String, String> config = config("events");
        config.put(GithubEventsSourceConfig.TOKEN_CONFIG, "wrong-token-value");
        startTask(config);
        ConnectException e = assertThrows(ConnectException.class, () -> pollFor(1, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-token-value"), e.getMessage());
    }

    @Test
    void aMissingStreamBacksOffAloneWhileOthersFlow() throws InterruptedException {
        github.stream("repos/a/b").generate(4);
        startTask(config("repos/a/gone,repos/a/b"));
        assertEquals(4, pollFor(4, Duration.ofSeconds(10)).size());
        github.stream("repos/a/b").generate(3);
        assertEquals(3, pollFor(3, Duration.ofSeconds(10)).size());
        assertTrue(github.requests("repos/a/gone").stream().allMatch(r -> r.status() == 404));
    }

    @Test
    void rateLimitAnswersPauseEveryStreamThenNothingIsLostOrRepeated() throws InterruptedException {
        List<String> ids = new ArrayList<>(github.stream("repos/a/b").generate(50));
        ids.addAll(github.stream("orgs/c").generate(20));
        github.script(Fault.retryAfter(403, 1), Fault.retryAfter(429, 1), Fault.primaryLimit(Duration.ofSeconds(1)),
            Fault.status(502), Fault.disconnect(), Fault.status(429));
        startTask(config("repos/a/b,orgs/c"));
        List<SourceRecord> records = pollFor(70, Duration.ofSeconds(30));
        assertEquals(70, records.size());
        assertEquals(new HashSet<>(ids), keys(records));
        assertEquals(0, github.pendingFaults());
        List<RecordedRequest> requests = github.requests();
        // The second request came only after the first Retry-After second.
        assertTrue(Duration.between(requests.get(0).at(), requests.get(1).at()).toMillis() >= 900,
            requests.toString());
    }

    @Test
    void theReserveKeepsTheTaskFromEverExhaustingTheQuota() throws Exception {
        github.pollInterval(0).rateLimit(5, Duration.ofSeconds(2));
        Map<String, String> config = config("repos/busy/app");
        config.put(GithubEventsSourceConfig.RESERVE_CONFIG, "3");
        config.put(GithubEventsTaskConfig.CONNECTOR_NAME_CONFIG, "reserve-test");
        List<String> ids = new ArrayList<>(github.stream("repos/busy/app").generate(1));
        startTask(config);
        List<SourceRecord> records = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (System.nanoTime() < end) {
            ids.addAll(github.stream("repos/busy/app").generate(1)); // every poll finds news: no free 304s
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
        List<RecordedRequest> requests = github.requests("repos/busy/app");
        assertTrue(requests.stream().noneMatch(r -> r.status() == 403), requests.toString());
        assertTrue(requests.size() >= 4, "polling resumed after the reset: " + requests.size() + " requests");
        Object waits = java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
            new javax.management.ObjectName("kafka.connect.tsconnect:type=github-events-task,"
                + "connector=\"reserve-test\",task=0"), "RateLimitWaits");
        assertTrue((Long) waits >= 1, "paused for the reserve: " + waits);
        assertTrue(ids.containsAll(keys(records)));
        assertEquals(records.size(), keys(records).size(), "no event emitted twice");
    }

    @Test
    void followsAPermanentRedirectOfARenamedRepository() throws InterruptedException {
        List<String> ids = github.stream("repos/new/name").generate(6);
        github.redirect("repos/old/name", "repos/new/name");
        startTask(config("repos/old/name"));
        List<SourceRecord> records = pollFor(6, Duration.ofSeconds(10));
        assertEquals(new HashSet<>(ids), keys(records));
        assertEquals(Map.of("stream", "repos/old/name"), records.get(0).sourcePartition());
    }

    @Test
    void resumesFromTheStoredOffsetWithoutRepeatingEvents() throws InterruptedException {
        github.stream("events").generate(10);
        startTask(config("events"));
        List<SourceRecord> first = pollFor(10, Duration.ofSeconds(10));
        task.stop();
        stored.put(first.get(9).sourcePartition(), new HashMap<>(first.get(9).sourceOffset()));
        List<String> more = github.stream("events").generate(4);
        startTask(config("events"));
        List<SourceRecord> second = pollFor(5, Duration.ofSeconds(3));
        assertEquals(new HashSet<>(more), keys(second));
    }
}
