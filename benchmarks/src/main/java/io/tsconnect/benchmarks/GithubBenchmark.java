package io.tsconnect.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.github.RecordedRequest;

/**
 * What the GitHub events source spends of the API's rate limit and how late and how often it delivers events,
 * beside a naive poller in the same run against the same replay server (the script the connector replaces: page 1
 * of each stream at every poll interval, no ETag, no offsets, everything it sees emitted). Throughput is not the
 * figure here: the API hands out at most 300 events per stream and asks for one poll a minute.
 */
public final class GithubBenchmark implements Benchmark {
    private static final String TOPIC = "bench-github";
    private static final int STREAMS = 10;
    private static final String NAIVE_AGENT = "naive-poller";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "github";
    }

    @Override
    public String description() {
        return "GitHub events source: API quota per 1,000 events, duplicates, gaps and delay vs a naive poller "
            + "(replay server)";
    }

    @Override
    public void run(Options options, Recorder recorder) throws Exception {
        long seconds = options.longValue("seconds", 60);
        recorder.step("starting the GitHub replay server (X-Poll-Interval 1 s) and Kafka + one Connect worker");
        try (GithubReplayServer api = GithubReplayServer.start().pollInterval(1).rateLimit(1_000_000,
                 Duration.ofHours(1));
             ConnectHarness harness = ConnectHarness.builder().name("bench-github")
                 .plugins("github-events-source-connector").workers(1).start()) {
            List<String> streams = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                streams.add("repos/bench/r" + i);
                api.stream(streams.get(i)).generate(30);
            }
            Activity activity = new Activity(api, streams);
            activity.existing();
            harness.kafka().createTopic(TOPIC, 1);
            try (KafkaDelivered connector = Delivered.fromKafka(harness.bootstrapServers());
                 NaivePoller naive = new NaivePoller(api.baseUrl(), streams)) {
                startConnector(harness, api, streams);
                naive.start();
                recorder.step(String.format("%d streams, events arriving for %d s (one busy stream, a burst of 250 "
                    + "on another, five quiet ones)", STREAMS, seconds));
                activity.run(seconds);
                recorder.step("waiting up to 15 s for the last events");
                connector.awaitAll(activity.added.keySet(), Duration.ofSeconds(15));
                naive.stop();
                List<RecordedRequest> requests = api.requests();
                recorder.result(result("connector", connector, activity, requests, false));
                recorder.result(result("naive poller", naive.delivered, activity, requests, true));
            }
            recorder.note("Replay server (test-support) with GitHub's paging, weak ETags, 304s and rate-limit "
                + "headers, asking for one poll per second (X-Poll-Interval 1; GitHub asks for 60), so a minute of the "
                + "real API passes in a second: " + STREAMS + " repository streams, " + seconds + " s of activity. "
                + "Quota counts the requests answered 200 (GitHub does not count a 304 to a conditional request).");
            recorder.note("Connector: connector-configs/github-events-source.json as shipped (one task) with the API "
                + "URL, streams, topic and github.poll.interval.min.ms=1000 overridden; delivered = records in "
                + "Kafka. Naive poller: at every poll interval, GET page 1 (per_page=100) of each stream without "
                + "If-None-Match, and emit every event on it. Delay: from the moment an event was added to the "
                + "replay server to its first delivery.");
        }
    }

    private static void startConnector(ConnectHarness harness, GithubReplayServer api, List<String> streams) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("github.api.url", api.baseUrl());
        overrides.put("github.streams", String.join(",", streams));
        overrides.put("github.poll.interval.min.ms", "1000");
        overrides.put("github.token", "bench-token");
        overrides.put("topic", TOPIC);
        ConnectorConfigs config = ConnectorConfigs.load("github-events-source.json").named("bench-github")
            .with(overrides);
        harness.startConnector(config.name(), config.config(), 1);
    }

    private static Result result(String variant, Delivered delivered, Activity activity,
                                 List<RecordedRequest> requests, boolean naive) {
        List<RecordedRequest> mine = requests.stream().filter(r -> r.stream() != null
            && NAIVE_AGENT.equals(r.header("User-Agent")) == naive).toList();
        long quota = mine.stream().filter(r -> r.status() == 200).count();
        long notModified = mine.stream().filter(r -> r.status() == 304).count();
        LatencyStats delay = new LatencyStats();
        long missed = 0;
        for (Map.Entry<String, Long> e : activity.added.entrySet()) {
            Long first = delivered.firstSeen.get(e.getKey());
            if (first == null) {
                missed++;
            } else {
                delay.record(Math.max(0, (first - e.getValue()) / 1_000));
            }
        }
        long events = activity.added.size();
        Map<String, Object> extra = new HashMap<>();
        extra.put("events", events);
        extra.put("requests", mine.size());
        extra.put("quotaUsed", quota);
        extra.put("notModified", notModified);
        extra.put("delivered", delivered.total.get());
        extra.put("duplicates", delivered.total.get() - delivered.firstSeen.size());
        extra.put("missed", missed);
        extra.put("quotaPer1000Events", Math.round(quota * 1000.0 / events));
        extra.put("delayP50Ms", delay.percentile(50) / 1000.0);
        extra.put("delayP99Ms", delay.percentile(99) / 1000.0);
        double seconds = activity.seconds;
        return new Result("github", variant, delivered.firstSeen.size() / seconds, 0, extra);
    }

    /** The events added to the replay server, with the nanoTime each was added at. */
    private static final class Activity {
        final Map<String, Long> added = new ConcurrentHashMap<>();
        private final GithubReplayServer api;
        private final List<String> streams;
        double seconds;

        Activity(GithubReplayServer api, List<String> streams) {
            this.api = api;
            this.streams = streams;
        }

        /** The events already there when polling starts count as added now. */
        void existing() {
            long now = System.nanoTime();
            streams.forEach(s -> api.stream(s).ids().forEach(id -> added.put(id, now)));
        }

        /**
         * Every 100 ms: 2 events on stream 0 (busy), one on streams 1-4 in turn every second; streams 5-9 stay
         * quiet; at half time a burst of 250 on stream 1 (more than one page).
         */
        void run(long forSeconds) throws InterruptedException {
            long start = System.nanoTime();
            long ticks = forSeconds * 10;
            for (long tick = 0; tick < ticks; tick++) {
                add(streams.get(0), 2);
                if (tick % 10 == 0) {
                    add(streams.get(1 + (int) (tick / 10 % 4)), 1);
                }
                if (tick == ticks / 2) {
                    add(streams.get(1), 250);
                }
                long next = start + (tick + 1) * 100_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
        }

        private void add(String stream, int n) {
            long now = System.nanoTime();
            api.stream(stream).generate(n).forEach(id -> added.put(id, now));
        }
    }

    /** Event ids as a poller delivered them: first sight (nanoTime) of each, and how many deliveries in all. */
    private static class Delivered {
        final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        final AtomicLong total = new AtomicLong();

        void saw(String id) {
            total.incrementAndGet();
            firstSeen.putIfAbsent(id, System.nanoTime());
        }

        /** Reads the topic's records (key = event id) on a background thread. */
        static KafkaDelivered fromKafka(String bootstrap) {
            KafkaDelivered delivered = new KafkaDelivered(bootstrap);
            delivered.thread.start();
            return delivered;
        }

        void awaitAll(Set<String> ids, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!firstSeen.keySet().containsAll(ids) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
    }

    /** Delivered as read back from the Kafka topic. */
    private static final class KafkaDelivered extends Delivered implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        KafkaDelivered(String bootstrap) {
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap);
            props.put("auto.offset.reset", "earliest");
            props.put("group.id", "bench-github-reader");
            props.put("key.deserializer", StringDeserializer.class.getName());
            props.put("value.deserializer", StringDeserializer.class.getName());
            thread = new Thread(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                    consumer.subscribe(List.of(TOPIC));
                    while (running.get()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                            saw(r.key());
                        }
                    }
                }
            }, "bench-github-reader");
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    /** Page 1 of every stream at each poll interval, no ETag, no memory of what it emitted before. */
    private static final class NaivePoller implements AutoCloseable {
        final Delivered delivered = new Delivered();
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final List<String> streams;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::loop, "bench-github-naive");

        NaivePoller(String base, List<String> streams) {
            this.base = base;
            this.streams = streams;
        }

        void start() {
            thread.start();
        }

        private void loop() {
            long interval = 1_000;
            while (running.get()) {
                long started = System.currentTimeMillis();
                for (String stream : streams) {
                    interval = poll(stream, interval);
                }
                try {
                    Thread.sleep(Math.max(0, interval - (System.currentTimeMillis() - started)));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** One request; returns the X-Poll-Interval asked for (ms). */
        private long poll(String stream, long interval) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + stream + "/events?per_page=100"))
                .header("User-Agent", NAIVE_AGENT).header("Accept", "application/vnd.github+json").GET().build();
            try {
                HttpResponse<String> response = http.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200) {
                    for (JsonNode event : JSON.readTree(response.body())) {
                        delivered.saw(event.get("id").asText());
                    }
                }
                return response.headers().firstValue("X-Poll-Interval").map(v -> Long.parseLong(v) * 1_000)
                    .orElse(interval);
            } catch (IOException e) {
                return interval;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
                return interval;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(10_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
