package io.tsconnect.redis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.redis.RedisTimeSeriesSinkConnector;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;

/**
 * The packaged connector on a Connect worker writing to the RedisTimeSeries stand-in, or to a real RedisTimeSeries
 * with {@code -Dredis.url=redis://host:port} ({@link TimeSeriesTarget}): the sample config, batching, dead letter
 * queue, idempotent replay and a server restart mid-stream (stand-in only: a server given by URL is not restarted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisTimeSeriesSinkIT {
    private static final String SAMPLE = "redis-timeseries-sink.json";
    private static final String FAST = "alternatives/redis-timeseries-sink-fast.json";
    private static final long T0 = 1_700_000_000_000L;
    private ConnectHarness harness;
    private TimeSeriesTarget redis;

    @BeforeAll
    void startCluster() {
        harness = ConnectHarness.builder().plugins("redis-timeseries-sink-connector").workers(1).start();
    }

    @AfterAll
    void stopCluster() {
        if (harness != null) {
            harness.close();
        }
    }

    @BeforeEach
    void startRedis() {
        redis = TimeSeriesTarget.start("it-secret");
    }

    @AfterEach
    void stopRedis() {
        harness.connect().connectors().forEach(harness.connect()::deleteConnector);
        redis.close();
    }

    @Test
    void sampleConfigValidatesOnAWorkerAndBadValuesAreReportedPerKey() {
        ConnectorConfigs file = ConnectorConfigs.load(SAMPLE);
        Map<String, String> sample = new HashMap<>(file.config());
        sample.put("name", file.name());
        assertEquals(Map.of(), harness.validationErrors(RedisTimeSeriesSinkConnector.class.getName(), sample));
        Map<String, String> bad = new HashMap<>(sample);
        bad.put("redis.mode", "cluster");
        bad.put("redis.database", "2");
        bad.put("ts.chunk.size.bytes", "50");
        bad.put("ts.duplicate.policy", "newest");
        Map<String, List<String>> errors = harness.validationErrors(RedisTimeSeriesSinkConnector.class.getName(),
            bad);
        assertEquals(List.of("redis.database", "ts.duplicate.policy", "ts.chunk.size.bytes").stream().sorted()
            .toList(), errors.keySet().stream().sorted().toList(), errors.toString());
    }

    @Test
    void sampleConfigWritesLabelledSeriesInBatches() {
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            readings.add(Produce.reading(i % 2 == 0 ? "temp" : "humidity", "3", "dev-" + (i % 3), 20 + i % 10,
                T0 + i));
        }
        Produce.all(harness.bootstrapServers(), "device-readings", readings);
        harness.startConnectorFile(SAMPLE, connection(), 1);
        awaitSamples(3000);
        assertEquals(6, redis.keys().size(), redis.keys().toString());
        String series = "temp:3:dev-0";
        assertEquals(Map.of("metric", "temp", "location", "3", "device", "dev-0"), redis.labels(series));
        assertEquals(500, redis.samples(series).size());
        assertEquals(20.0, redis.samples(series).get(T0));
        assertEquals(2_592_000_000L, redis.retention(series));
        assertEquals("LAST", redis.duplicatePolicy(series));
        assertEquals(6, redis.commandCount("TS.CREATE"), "each series created once");
        assertTrue(redis.commandCount("TS.MADD") <= 3000 / 100, "samples are batched: "
            + redis.commandCount("TS.MADD") + " TS.MADD calls");
    }

    @Test
    void rejectedSamplesGoToTheDeadLetterQueue() {
        Map<String, String> config = config("dlq-readings", "dlq-sink");
        config.put("ts.duplicate.policy", "block");
        config.put("errors.deadletterqueue.topic.name", "dlq-readings-dlq");
        Produce.all(harness.bootstrapServers(), "dlq-readings", List.of(
            Produce.reading("temp", "1", "a", 1, T0),
            Produce.reading("temp", "1", "a", "\"hot\"", T0 + 1),
            Produce.reading("temp", "1", "a", 2, T0),
            Produce.reading("temp", "1", "a", 3, T0 + 2)));
        harness.startConnector("dlq-sink", config, 1);
        List<ConsumerRecord<byte[], byte[]>> dead = harness.consume("dlq-readings-dlq", 2, Duration.ofSeconds(60));
        assertEquals(2, dead.size());
        List<String> values = dead.stream().map(r -> ConnectHarness.text(r.value())).collect(Collectors.toList());
        assertTrue(values.get(0).contains("hot"), values.toString());
        assertTrue(values.get(1).contains("\"value\":2"), values.toString());
        String reason = ConnectHarness.text(dead.get(1).headers().lastHeader("__connect.errors.exception.message")
            .value());
        assertTrue(reason.contains("Error at upsert"), reason);
        awaitSamples(2);
        assertEquals(Map.of(T0, 1.0, T0 + 2, 3.0), redis.samples("temp:1:a"));
    }

    @Test
    void replayingATopicChangesNothing() {
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            readings.add(Produce.reading("power", "9", "m" + (i % 4), i, T0 + i));
        }
        Produce.all(harness.bootstrapServers(), "replayed", readings);
        harness.startConnector("first-pass", config("replayed", "first-pass"), 1);
        awaitSamples(400);
        Map<String, Map<Long, Double>> before = snapshot();
        long madds = redis.commandCount("TS.MADD");
        harness.connect().deleteConnector("first-pass");
        // A new connector name is a new consumer group: it reads the topic again from the start.
        harness.startConnector("second-pass", config("replayed", "second-pass"), 1);
        Await.until("the replay to write again", Duration.ofSeconds(60),
            () -> redis.commandCount("TS.MADD") > madds && committed("second-pass") >= 400,
            () -> redis.commandCount("TS.MADD") + " TS.MADD");
        assertEquals(before, snapshot());
    }

    @Test
    void telegrafMetricsBecomeOneSeriesPerFieldWithTagsAsLabels() {
        Map<String, String> config = config("telegraf", "telegraf-sink");
        config.put("ts.record.format", "telegraf");
        config.put("ts.key.template", "${measurement}:${field}:${host}");
        config.put("ts.labels", "");
        config.put("ts.labels.static", "source=telegraf");
        List<String> metrics = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            metrics.add("{\"name\":\"cpu\",\"tags\":{\"host\":\"h" + (i % 2) + "\",\"cpu\":\"cpu-total\"},"
                + "\"fields\":{\"usage_idle\":" + (90 + i) + ".5,\"usage_user\":" + i + "},\"timestamp\":"
                + (1_700_000_000L + i) + "}");
        }
        Produce.all(harness.bootstrapServers(), "telegraf", metrics);
        harness.startConnector("telegraf-sink", config, 1);
        awaitSamples(20);
        assertEquals(List.of("cpu:usage_idle:h0", "cpu:usage_idle:h1", "cpu:usage_user:h0", "cpu:usage_user:h1"),
            redis.keys());
        assertEquals(Map.of("host", "h1", "cpu", "cpu-total", "source", "telegraf"),
            redis.labels("cpu:usage_idle:h1"));
        assertEquals(91.5, redis.samples("cpu:usage_idle:h1").get(1_700_000_001_000L));
    }

    @Test
    void theFastConfigWritesWhatTheSampleConfigWritesInOffsetOrder() {
        // Every series gets 40 samples per timestamp, spread over many batches: under DUPLICATE_POLICY LAST only
        // the last one in offset order may remain, for both configs.
        List<String> readings = new ArrayList<>();
        Map<String, Map<Long, Double>> expected = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String device = "d" + (i % 5);
            long timestamp = T0 + i / 200;
            readings.add(Produce.reading(i % 2 == 0 ? "temp" : "rh", "7", device, i, timestamp));
            expected.computeIfAbsent((i % 2 == 0 ? "temp" : "rh") + ":7:" + device, k -> new java.util.TreeMap<>())
                .put(timestamp, (double) i);
        }
        readings.add("{\"metric\":\"temp\",\"location\":\"7\",\"device\":");
        Produce.all(harness.bootstrapServers(), "ordered", readings);
        for (String file : List.of(FAST, SAMPLE)) {
            Map<String, String> config = config("ordered", file.equals(FAST) ? "ordered-fast" : "ordered-json", file);
            config.put("ts.key.template", (file.equals(FAST) ? "fast:" : "json:") + "${metric}:${location}:${device}");
            config.put("errors.deadletterqueue.topic.name", "ordered-dlq-" + (file.equals(FAST) ? "fast" : "json"));
            harness.startConnector(config.get("name"), config, 1);
        }
        int series = expected.size();
        awaitSamples(2 * 100 * series);
        for (String prefix : List.of("fast:", "json:")) {
            Map<String, Map<Long, Double>> written = new HashMap<>();
            snapshot().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    written.put(k.substring(prefix.length()), v);
                }
            });
            assertEquals(expected, written, prefix);
        }
        assertEquals(Map.of("metric", "rh", "location", "7", "device", "d1"), redis.labels("fast:rh:7:d1"));
        assertEquals(1, harness.consume("ordered-dlq-fast", 1, Duration.ofSeconds(60)).size(),
            "the malformed record is reported");
    }

    @Test
    void aRedisRestartMidStreamLosesNothing() throws InterruptedException {
        restartMidStream(SAMPLE, "restarted");
    }

    @Test
    void aRedisRestartMidStreamLosesNothingOnTheFastPath() throws InterruptedException {
        restartMidStream(FAST, "restarted-fast");
    }

    private void restartMidStream(String file, String topic) throws InterruptedException {
        assumeTrue(redis.restartable(), "the server given by -Dredis.url is not restarted by tests");
        Map<String, String> config = config(topic, "restart-sink", file);
        config.put("retry.backoff.initial.ms", "200");
        config.put("retry.backoff.max.ms", "1000");
        config.put("redis.socket.timeout.ms", "2000");
        harness.startConnector("restart-sink", config, 1);
        Produce.all(harness.bootstrapServers(), topic, batch(0, 500));
        awaitSamples(500);
        redis.stop();
        Produce.all(harness.bootstrapServers(), topic, batch(500, 1000));
        Thread.sleep(3000);
        assertEquals(1, harness.runningTasks("restart-sink"), harness.describe("restart-sink"));
        redis.restart();
        awaitSamples(1000);
        assertEquals(1, harness.runningTasks("restart-sink"), harness.describe("restart-sink"));
        Map<Long, Double> written = new java.util.TreeMap<>();
        redis.keys().forEach(k -> written.putAll(redis.samples(k)));
        for (int i = 0; i < 1000; i++) {
            assertEquals((double) i, written.get(T0 + i), "sample " + i);
        }
    }

    private List<String> batch(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Produce.reading("temp", "r", "d" + (i % 5), i, T0 + i));
        }
        return out;
    }

    private Map<String, String> connection() {
        Map<String, String> connection = new HashMap<>(redis.connection());
        connection.put("redis.socket.timeout.ms", "5000");
        return connection;
    }

    private Map<String, String> config(String topic, String name) {
        return config(topic, name, SAMPLE);
    }

    private Map<String, String> config(String topic, String name, String file) {
        Map<String, String> config = new HashMap<>(ConnectorConfigs.load(file).named(name).with(connection())
            .config());
        config.put("name", name);
        config.put("topics", topic);
        config.put("errors.deadletterqueue.topic.name", topic + "-dlq");
        return config;
    }

    private void awaitSamples(int n) {
        Await.until(n + " samples in Redis", Duration.ofSeconds(90), () -> redis.totalSamples() >= n,
            () -> redis.totalSamples() + " samples in " + redis.keys());
    }

    private Map<String, Map<Long, Double>> snapshot() {
        Map<String, Map<Long, Double>> out = new HashMap<>();
        redis.keys().forEach(k -> out.put(k, redis.samples(k)));
        return out;
    }

    private long committed(String connector) {
        try {
            return harness.connect().connectorOffsets(connector).offsets().stream()
                .mapToLong(o -> ((Number) o.offset().get("kafka_offset")).longValue()).sum();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
