package io.tsconnect.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.timeseries.DuplicatePolicy;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TSInfo;
import redis.clients.jedis.timeseries.TimeSeriesProtocol.TimeSeriesCommand;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;

/**
 * Samples/s through the RedisTimeSeries sink from a prefilled topic until every sample is in Redis (TS.INFO
 * totalSamples), beside a raw Jedis TS.MADD(1000) loop into the same server in the same run.
 */
public final class RedisBenchmark implements Benchmark {
    static final String TOPIC = "bench-redis";
    private static final int DEVICES = 100;
    private static final int MADD = 1000;
    private static final long BASE_MILLIS = 1_700_000_000_000L;
    private static final Duration POLL = Duration.ofMillis(100);

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String description() {
        return "RedisTimeSeries sink samples/s vs a raw Jedis TS.MADD(1000) loop (--redis-url, default the "
            + "in-process stand-in)";
    }

    @Override
    public void run(Options options, Recorder recorder) throws Exception {
        long n = options.longValue("n", 500_000);
        RedisTimeSeriesStandIn standIn = null;
        URI url;
        if (options.has("redis-url")) {
            url = URI.create(options.string("redis-url", null));
            recorder.note("Server: the Redis at " + url.getHost() + ":" + url.getPort() + " given with --redis-url.");
        } else {
            standIn = RedisTimeSeriesStandIn.standalone().start();
            url = URI.create("redis://" + standIn.hostPort());
            recorder.note("Server: NOT a real Redis. The in-process RESP RedisTimeSeries stand-in of test-support "
                + "(a Java map behind a socket) answered both the connector and the raw loop, so these figures "
                + "compare the two clients against the same stand-in and say nothing about a real RedisTimeSeries. "
                + "Run with --redis-url redis://host:6379 against Redis 8 or Redis Stack for real figures.");
        }
        try (RedisClient client = RedisClient.create(url);
             ConnectHarness harness = ConnectHarness.builder().name("bench-redis")
                 .plugins("redis-timeseries-sink-connector").workers(1).start();
             KafkaTopics topics = new KafkaTopics(harness.bootstrapServers())) {
            harness.kafka().createTopic(TOPIC, 1);
            harness.kafka().createTopic("device-readings-dlq", 1);
            recorder.step(String.format("prefilling %s with %,d JSON readings", TOPIC, n));
            topics.fill(TOPIC, n, i -> Payloads.device(i, DEVICES), i -> Payloads.readingJson(i, DEVICES,
                BASE_MILLIS + i));
            List<String> rawKeys = keys("rawbench:", n);
            List<String> sinkKeys = keys("sinkbench:", n);
            deleteKeys(client, rawKeys);
            deleteKeys(client, sinkKeys);
            rawLoop(client, "warmup:", Math.min(n, 50_000));
            CountWatch.Outcome raw = rawLoop(client, "rawbench:", n);
            recorder.step(String.format("raw loop: %,d samples in %.1f s", raw.finalCount(), raw.secondsFromStart()));
            CountWatch.Outcome sink = connector(harness, client, url, sinkKeys, n);
            Map<String, Object> extra = new HashMap<>();
            extra.put("samples", n);
            extra.put("series", sinkKeys.size());
            extra.put("samplesWritten", sink.finalCount());
            extra.put("secondsIncludingStartup", QuestDbBenchmark.round(sink.secondsFromStart()));
            extra.put("server", standIn != null ? "stand-in" : "redis-url");
            extra.put("target", 0.6);
            recorder.result(new Result("redis", standIn != null ? "stand-in server" : "real server",
                sink.steadyRate(), raw.steadyRate(), extra));
            recorder.note(String.format("%,d samples over %d series (key ${metric}:${location}:${device}), "
                + "connector-configs/redis-timeseries-sink.json as shipped (JsonConverter, ts.batch.size 1000, "
                + "tasks.max 1) with topic, hosts and a key prefix overridden. Raw loop: sequential TS.MADD of 1000 "
                + "samples over the same number of series, created beforehand.", n, sinkKeys.size()));
            recorder.note("Counted by summing TS.INFO totalSamples over the series every " + POLL.toMillis()
                + " ms, from the first poll that saw samples to the poll that saw all.");
        } finally {
            if (standIn != null) {
                standIn.close();
            }
        }
    }

    private static CountWatch.Outcome connector(ConnectHarness harness, RedisClient client, URI url,
                                                List<String> keys, long n) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("topics", TOPIC);
        overrides.put("redis.hosts", url.getHost() + ":" + url.getPort());
        overrides.put("ts.key.template", "sinkbench:${metric}:${location}:${device}");
        String userInfo = url.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            overrides.put("redis.user", colon > 0 ? userInfo.substring(0, colon) : null);
            overrides.put("redis.password", colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
        }
        ConnectorConfigs config = ConnectorConfigs.load("redis-timeseries-sink.json").named("bench-redis")
            .with(overrides);
        long start = System.nanoTime();
        CompletableFuture<CountWatch.Outcome> watch = watch(client, keys, n, start);
        harness.startConnector(config.name(), config.config(), 1);
        CountWatch.Outcome out = watch.get();
        harness.connect().deleteConnector(config.name());
        return out;
    }

    /** Writes {@code n} samples with sequential TS.MADD calls of {@value #MADD} samples each. */
    private static CountWatch.Outcome rawLoop(RedisClient client, String prefix, long n) throws Exception {
        List<String> keys = keys(prefix, n);
        for (String key : keys) {
            client.del(key);
            client.tsCreate(key, TSCreateParams.createParams().duplicatePolicy(DuplicatePolicy.LAST));
        }
        long start = System.nanoTime();
        CompletableFuture<CountWatch.Outcome> watch = watch(client, keys, n, start);
        for (long i = 0; i < n; i += MADD) {
            CommandArguments madd = new CommandArguments(TimeSeriesCommand.MADD);
            for (long j = i; j < Math.min(n, i + MADD); j++) {
                madd.add(key(prefix, j)).add(BASE_MILLIS + j).add(Payloads.value(j));
            }
            client.executeCommand(new CommandObject<>(madd, BuilderFactory.RAW_OBJECT_LIST));
        }
        return watch.get();
    }

    private static CompletableFuture<CountWatch.Outcome> watch(RedisClient client, List<String> keys, long n,
                                                               long start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return CountWatch.await(start, () -> totalSamples(client, keys), n, POLL, Duration.ofMinutes(5),
                    Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The samples in {@code keys}, with one pipelined TS.INFO per key (a missing key counts 0). */
    static long totalSamples(RedisClient client, List<String> keys) {
        List<Response<TSInfo>> infos = new ArrayList<>();
        try (AbstractPipeline pipeline = client.pipelined()) {
            for (String key : keys) {
                infos.add(pipeline.tsInfo(key));
            }
            pipeline.sync();
        }
        long total = 0;
        for (Response<TSInfo> info : infos) {
            try {
                Long samples = info.get().getIntegerProperty("totalSamples");
                total += samples == null ? 0 : samples;
            } catch (RuntimeException e) {
                // not created yet
            }
        }
        return total;
    }

    private static void deleteKeys(RedisClient client, List<String> keys) {
        for (String key : keys) {
            client.del(key);
        }
    }

    /** The distinct series keys of the first {@code n} readings. */
    private static List<String> keys(String prefix, long n) {
        Set<String> keys = new LinkedHashSet<>();
        for (long i = 0; i < Math.min(n, 3L * 5 * DEVICES); i++) {
            keys.add(key(prefix, i));
        }
        return new ArrayList<>(keys);
    }

    private static String key(String prefix, long i) {
        return prefix + Payloads.metric(i) + ":" + Payloads.location(i) + ":" + Payloads.device(i, DEVICES);
    }
}
