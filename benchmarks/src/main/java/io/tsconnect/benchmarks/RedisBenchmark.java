package io.tsconnect.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.timeseries.DuplicatePolicy;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TSInfo;
import redis.clients.jedis.timeseries.TimeSeriesProtocol.TimeSeriesCommand;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;
import io.tsconnect.testsupport.redis.RedisUrls;

/**
 * Samples/s through the RedisTimeSeries sink (JsonConverter, and the {@code value.format=json} fast path with
 * ByteArrayConverter) from a prefilled topic until every sample is in Redis (TS.INFO totalSamples), beside a raw
 * Jedis loop of sequential TS.MADD(1000) calls over as many samples into the same server, in interleaved rounds
 * after a JIT warm-up.
 */
public final class RedisBenchmark implements Benchmark {
    static final String TOPIC = "bench-redis";
    private static final int DEVICES = 100;
    private static final int MADD = 1000;
    private static final long BASE_MILLIS = 1_700_000_000_000L;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int MAX_WARMUP_ROUNDS = 6;
    private int warmUpCounter;

    /** A connector variant: its shipped config file, its key prefix and its target ratio. */
    private record Variant(String name, String file, String prefix, double target) {
    }

    private static final Variant JSON = new Variant("json-converter", "redis-timeseries-sink.json", "json", 0.4);
    private static final Variant FAST = new Variant("fast-path", "alternatives/redis-timeseries-sink-fast.json", "fast", 0.6);

    /** Where the figures come from: a real server or the stand-in, named in every result. */
    private record Server(URI url, String kind, String description) {
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String description() {
        return "RedisTimeSeries sink samples/s (JsonConverter and fast path) vs a raw Jedis TS.MADD(1000) loop "
            + "(--redis-url for a real server, default the in-process stand-in)";
    }

    @Override
    public void run(Options options, Recorder recorder) throws Exception {
        long n = options.longValue("n", 2_000_000);
        int runs = (int) options.longValue("runs", 3);
        RedisTimeSeriesStandIn standIn = options.has("redis-url") ? null : RedisTimeSeriesStandIn.standalone().start();
        try (RedisClient client = RedisClient.create(standIn == null ? URI.create(options.string("redis-url", null))
                 : URI.create("redis://" + standIn.hostPort()));
             ConnectHarness harness = ConnectHarness.builder().name("bench-redis")
                 .plugins("redis-timeseries-sink-connector").workers(1).start();
             KafkaTopics topics = new KafkaTopics(harness.bootstrapServers())) {
            Server server = server(options, standIn, client);
            recorder.note(server.description());
            harness.kafka().createTopic(TOPIC, 1);
            harness.kafka().createTopic("device-readings-dlq", 1);
            recorder.step(String.format("prefilling %s with %,d JSON readings", TOPIC, n));
            topics.fill(TOPIC, n, i -> Payloads.device(i, DEVICES), i -> Payloads.readingJson(i, DEVICES,
                BASE_MILLIS + i));
            String rawWarmUp = Jit.settleMeasured(recorder, "raw loop", MAX_WARMUP_ROUNDS,
                () -> rawLoop(client, "warmraw" + (++warmUpCounter) + ":", n));
            String jsonWarmUp = warmUp(recorder, harness, client, server, JSON, n);
            String fastWarmUp = warmUp(recorder, harness, client, server, FAST, n);
            rounds(recorder, harness, client, server, n, runs, RunProfiler.from(options))
                .forEach(r -> recorder.result(Result.medianRound(r)));
            recorder.note(String.format("%,d samples over %d series (key ${metric}:${location}:${device}) per "
                + "measurement. Connector configs are connector-configs/redis-timeseries-sink.json (JsonConverter) "
                + "and alternatives/redis-timeseries-sink-fast.json (ByteArrayConverter, value.format=json) as shipped "
                + "(tasks.max 1, one partition) with topic, hosts and a key prefix overridden. Raw loop: one Jedis "
                + "connection sending sequential TS.MADD calls of %d samples over the same series, created "
                + "beforehand, the same number of samples as a connector run.", n, keys("", n).size(), MADD));
            recorder.note("Counted by summing TS.INFO totalSamples over the series every " + POLL.toMillis()
                + " ms, from the first poll that saw samples to the poll that saw all, so connector start-up is "
                + "excluded; the raw loop is measured the same way. " + runs + " rounds each measure the raw loop, "
                + "both variants and the raw loop again, into fresh series; a round's raw rate is the mean of its "
                + "two raw loops (each is in the results file: a single raw loop swung by up to 16% between "
                + "rounds while the connectors held steady), and a figure is the round with the median "
                + "connector/raw ratio (every round is in the results file). All are warmed up first, in rounds "
                + "run exactly as measured ones (the same samples, a new connector each time) until the JIT "
                + "compilers were busy less than " + Math.round(Jit.SETTLED * 100) + "% of a round's measured "
                + "window or after " + MAX_WARMUP_ROUNDS + " rounds (compiler share of the window and samples/s per "
                + "round: raw " + rawWarmUp + ", JsonConverter " + jsonWarmUp + ", fast path " + fastWarmUp + "): "
                + "the first warm-up rounds are what a newly started worker does, compiling the Kafka consumer, "
                + "JsonConverter and the sink; smaller warm-up rounds, timed whole, had left the compilers busy "
                + "20-60% of the first measured round (the consumer's per-fetch code reaches C2 only after "
                + "millions of records). Before each measured run this JVM is let go quiet (under "
                + Math.round(Quiet.IDLE_SHARE * 100) + "% of a core over " + Quiet.WINDOW_MS + " ms, at most "
                + Quiet.MAX_WAIT_MS / 1000 + " s).");
        } finally {
            if (standIn != null) {
                standIn.close();
            }
        }
    }

    private static Server server(Options options, RedisTimeSeriesStandIn standIn, RedisClient client) {
        if (standIn != null) {
            return new Server(URI.create("redis://" + standIn.hostPort()), "stand-in", "Server: NOT a real Redis. "
                + "The in-process RESP RedisTimeSeries stand-in of test-support (a Java map behind a socket) answered "
                + "both the connectors and the raw loop, so these figures compare the clients against the stand-in "
                + "and say nothing about a real RedisTimeSeries. Run with --redis-url redis://host:6379 against "
                + "Redis 8, Redis Stack or a redis-server started with --loadmodule redistimeseries.so for real "
                + "figures.");
        }
        URI url = URI.create(options.string("redis-url", null));
        String version = serverVersion(client);
        return new Server(url, "real", "Server: a real RedisTimeSeries (" + version + ") at " + url.getHost() + ":"
            + url.getPort() + ", given with --redis-url, on the same machine.");
    }

    /** "Redis 7.0.15, RedisTimeSeries 80800" from INFO server and MODULE LIST. */
    static String serverVersion(RedisClient client) {
        String redis = "?";
        for (String line : client.info("server").split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                redis = line.substring("redis_version:".length()).trim();
            }
        }
        String module = "time series built in";
        try {
            Object modules = client.sendCommand(Protocol.Command.MODULE, "LIST");
            for (Object entry : (List<?>) modules) {
                // RESP2 answers a flat name/value list per module, RESP3 (Jedis: KeyValue pairs) a map.
                List<Object> fields = new ArrayList<>();
                for (Object field : (List<?>) entry) {
                    if (field instanceof redis.clients.jedis.util.KeyValue<?, ?> pair) {
                        fields.add(pair.getKey());
                        fields.add(pair.getValue());
                    } else {
                        fields.add(field);
                    }
                }
                int name = fields.stream().map(RedisBenchmark::text).toList().indexOf("name");
                int ver = fields.stream().map(RedisBenchmark::text).toList().indexOf("ver");
                if (name >= 0 && ver >= 0 && "timeseries".equals(text(fields.get(name + 1)))) {
                    module = "RedisTimeSeries module " + text(fields.get(ver + 1));
                }
            }
        } catch (RuntimeException e) {
            // MODULE LIST refused (e.g. by an ACL): the version stays unnamed
        }
        return "Redis " + redis + ", " + module;
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
            : String.valueOf(reply);
    }

    /** Each round measures the raw loop and both variants back to back, so a drift of the machine moves all. */
    private static Collection<List<Result>> rounds(Recorder recorder, ConnectHarness harness, RedisClient client,
                                                   Server server, long n, int runs, RunProfiler profiler)
        throws Exception {
        Map<Variant, List<Result>> measured = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            CountWatch.Outcome before = measuredRawLoop(client, "raw" + i + ":", n);
            Map<Variant, CountWatch.Outcome> connectorRuns = new LinkedHashMap<>();
            for (Variant variant : List.of(JSON, FAST)) {
                String prefix = variant.prefix() + i + ":";
                String name = variant.name() + "-" + i;
                Quiet.settle();
                CountWatch.Outcome run = profiler.around("redis-" + name, () -> connectorRun(harness, client,
                    server, variant, TOPIC, name, prefix, n));
                deleteKeys(client, keys(prefix, n));
                connectorRuns.put(variant, run);
            }
            CountWatch.Outcome after = measuredRawLoop(client, "rawafter" + i + ":", n);
            recorder.step(String.format("round %d: raw loop %,.0f samples/s before the connectors, %,.0f after",
                i + 1, before.steadyRate(), after.steadyRate()));
            for (Map.Entry<Variant, CountWatch.Outcome> e : connectorRuns.entrySet()) {
                Variant variant = e.getKey();
                CountWatch.Outcome run = e.getValue();
                Result result = result(variant, server, n, run, before, after);
                recorder.step(String.format("round %d: connector %s %,.0f samples/s (ratio %.2f)", i + 1,
                    variant.name(), result.connectorRate(), result.ratio()));
                if (!run.reached()) {
                    recorder.note(variant.name() + ", round " + (i + 1) + ": only " + run.finalCount() + " of " + n
                        + " samples arrived");
                }
                measured.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
            }
        }
        return measured.values();
    }

    private static CountWatch.Outcome measuredRawLoop(RedisClient client, String prefix, long n) throws Exception {
        Quiet.settle();
        CountWatch.Outcome raw = rawLoop(client, prefix, n);
        deleteKeys(client, keys(prefix, n));
        return raw;
    }

    /** One round of one variant; its raw rate is the mean of the raw loops run before and after the connectors. */
    private static Result result(Variant variant, Server server, long n, CountWatch.Outcome run,
                                 CountWatch.Outcome before, CountWatch.Outcome after) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("samples", n);
        extra.put("series", keys("", n).size());
        extra.put("samplesWritten", run.finalCount());
        extra.put("secondsIncludingStartup", QuestDbBenchmark.round(run.secondsFromStart()));
        extra.put("rawSeconds", QuestDbBenchmark.round(before.secondsFromStart()));
        extra.put("rawBefore", Math.round(before.steadyRate()));
        extra.put("rawAfter", Math.round(after.steadyRate()));
        Result.putWindowFigures(extra, run, before);
        extra.put("server", server.kind());
        extra.put("target", variant.target());
        String name = variant.name() + ("real".equals(server.kind()) ? ", real server" : ", STAND-IN server");
        return new Result("redis", name, run.steadyRate(), (before.steadyRate() + after.steadyRate()) / 2, extra);
    }

    /** Warm-up rounds of one variant, each as a measured run; returns each round's JIT share and rate. */
    private String warmUp(Recorder recorder, ConnectHarness harness, RedisClient client, Server server,
                                Variant variant, long n) throws Exception {
        recorder.step("connector " + variant.name() + " (" + variant.file() + "): warm-up rounds");
        return Jit.settleMeasured(recorder, variant.name(), MAX_WARMUP_ROUNDS, () -> {
            String prefix = "warm" + variant.prefix() + (++warmUpCounter) + ":";
            Quiet.settle();
            CountWatch.Outcome run = connectorRun(harness, client, server, variant, TOPIC, "warm-" + variant.name()
                + "-" + warmUpCounter, prefix, n);
            deleteKeys(client, keys(prefix, n));
            return run;
        });
    }

    /** One connector run over a whole topic into fresh series (a new connector: a new consumer group). */
    private static CountWatch.Outcome connectorRun(ConnectHarness harness, RedisClient client, Server server,
                                                   Variant variant, String topic, String name, String prefix,
                                                   long n) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("topics", topic);
        overrides.put("ts.key.template", prefix + "${metric}:${location}:${device}");
        // The same server and database as the counting client (RedisClient.create(url)).
        overrides.putAll(RedisUrls.sinkSettings(server.url()));
        ConnectorConfigs config = ConnectorConfigs.load(variant.file()).named("bench-" + name).with(overrides);
        List<String> keys = keys(prefix, n);
        deleteKeys(client, keys);
        CompletableFuture<CountWatch.Outcome> watch = watch(client, keys, n, System.nanoTime());
        harness.startConnector(config.name(), config.config(), 1);
        CountWatch.Outcome out = watch.get();
        harness.connect().deleteConnector(config.name());
        return out;
    }

    /** Writes {@code n} samples with sequential TS.MADD calls of {@value #MADD} samples each. */
    private static CountWatch.Outcome rawLoop(RedisClient client, String prefix, long n) throws Exception {
        List<String> keys = keys(prefix, n);
        deleteKeys(client, keys);
        for (String key : keys) {
            client.tsCreate(key, TSCreateParams.createParams().duplicatePolicy(DuplicatePolicy.LAST));
        }
        CompletableFuture<CountWatch.Outcome> watch = watch(client, keys, n, System.nanoTime());
        for (long i = 0; i < n; i += MADD) {
            CommandArguments madd = new CommandArguments(TimeSeriesCommand.MADD);
            for (long j = i; j < Math.min(n, i + MADD); j++) {
                madd.add(key(prefix, j)).add(BASE_MILLIS + j).add(Payloads.value(j));
            }
            client.executeCommand(new CommandObject<>(madd, BuilderFactory.RAW_OBJECT_LIST));
        }
        CountWatch.Outcome out = watch.get();
        if (prefix.startsWith("warm")) {
            deleteKeys(client, keys);
        }
        return out;
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
        if (!keys.isEmpty()) {
            client.del(keys.toArray(new String[0]));
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
