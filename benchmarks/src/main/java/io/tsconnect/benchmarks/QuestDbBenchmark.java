package io.tsconnect.benchmarks;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.questdb.client.Sender;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;

/**
 * Rows/s through the QuestDB sink (JsonConverter, and the {@code value.format=json} fast path with
 * ByteArrayConverter) from a prefilled topic until every row is visible in QuestDB, beside a raw questdb-client
 * ILP/HTTP loop into the same server in the same run.
 */
public final class QuestDbBenchmark implements Benchmark {
    static final String TOPIC = "bench-readings";
    /** Each connector variant first runs over this topic, so its code is compiled before it is measured. */
    static final String WARMUP_TOPIC = "bench-readings-warmup";
    private static final long WARMUP_ROWS = 300_000;
    private static final int DEVICES = 100;
    private static final long BASE_MILLIS = 1_700_000_000_000L;
    private static final Duration POLL = Duration.ofMillis(100);
    /** Warm-up rounds (raw loop, each connector variant) stop when the JIT settles, or after this many. */
    private static final int MAX_WARMUP_ROUNDS = 6;
    private int warmUpCounter;

    @Override
    public String name() {
        return "questdb";
    }

    @Override
    public String description() {
        return "QuestDB sink rows/s (JsonConverter and fast path) vs a raw questdb-client ILP/HTTP loop";
    }

    @Override
    public void run(Options options, Recorder recorder) throws Exception {
        // 3,000,000 rows: with 1,000,000 a connector run lasted ~5 s and single runs swung by ±30%.
        long n = options.longValue("n", 3_000_000);
        int runs = (int) options.longValue("runs", 3);
        recorder.step("starting QuestDB (in-process) and Kafka + one Connect worker with the packaged plugin");
        try (EmbeddedQuestDb db = EmbeddedQuestDb.start();
             ConnectHarness harness = ConnectHarness.builder().name("bench-questdb")
                 .plugins("questdb-sink-connector").workers(1).start();
             KafkaTopics topics = new KafkaTopics(harness.bootstrapServers())) {
            harness.kafka().createTopic(TOPIC, 1);
            harness.kafka().createTopic("device-readings-dlq", 1);
            recorder.step(String.format("prefilling %s with %,d JSON readings", TOPIC, n));
            double fill = topics.fill(TOPIC, n, i -> Payloads.device(i, DEVICES),
                i -> Payloads.readingJson(i, DEVICES, BASE_MILLIS + i));
            recorder.step(String.format("prefilled at %,.0f records/s", fill));
            harness.kafka().createTopic(WARMUP_TOPIC, 1);
            topics.fill(WARMUP_TOPIC, Math.min(n, WARMUP_ROWS), i -> Payloads.device(i, DEVICES),
                i -> Payloads.readingJson(i, DEVICES, BASE_MILLIS + i));
            List<Double> rawWarmUp = Jit.settle(recorder, "raw loop", MAX_WARMUP_ROUNDS,
                () -> rawLoop(db, "warmup_" + (++warmUpCounter), Math.min(n, 200_000)));
            List<Double> jsonWarmUp = warmUp(recorder, harness, db, JSON, n);
            List<Double> fastWarmUp = warmUp(recorder, harness, db, FAST, n);
            rounds(recorder, harness, db, n, runs)
                .forEach(rounds -> recorder.result(Result.medianRound(rounds)));
            recorder.note("Rates count rows from the first poll that saw rows of the table to the poll that saw all "
                + "of them (count() every " + POLL.toMillis() + " ms), so connector start-up is excluded; the raw "
                + "loop is measured the same way. " + runs + " rounds each measure the raw loop, then both variants, "
                + "into fresh tables; a figure is the round with the median connector/raw ratio (every round is in "
                + "the results file), so a drift of the machine's speed moves both sides of a ratio. All are warmed "
                + "up first, in rounds (the raw loop with 200,000 "
                + "rows, each connector variant over a separate topic of 300,000 records) until the JIT compilers "
                + "were busy less than " + Math.round(Jit.SETTLED * 100) + "% of a round or after "
                + MAX_WARMUP_ROUNDS + " rounds (compiler share per round: raw " + rawWarmUp + ", JsonConverter "
                + jsonWarmUp + ", fast path " + fastWarmUp + "). QuestDB, Kafka and Connect share the machine's "
                + "cores in one JVM; QuestDB's idle workers nap after 100 empty loops instead of spinning (its "
                + "default suits a dedicated server).");
            recorder.note("Connector configs are connector-configs/questdb-sink-readings.json and "
                + "questdb-sink-readings-fast.json as shipped (tasks.max=1, one partition, default flush settings), "
                + "with only the topic, table and QuestDB address overridden.");
        }
    }

    /**
     * The machine's speed drifts (the raw loop alone moved from 417k to 629k rows/s within half an hour): each
     * round measures the raw loop and both variants back to back.
     *
     * @return per variant, its result of each round
     */
    private static Collection<List<Result>> rounds(Recorder recorder, ConnectHarness harness, EmbeddedQuestDb db,
                                                   long n, int runs) throws Exception {
        Map<Variant, List<Result>> measured = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            CountWatch.Outcome raw = rawLoop(db, "bench_raw_" + i, n);
            recorder.step(String.format("round %d: raw loop %,.0f rows/s", i + 1, raw.steadyRate()));
            for (Variant variant : List.of(JSON, FAST)) {
                CountWatch.Outcome run = connectorRun(harness, db, variant.file(), variant.name() + "-" + i,
                    variant.table() + "_" + i, n);
                Result result = result(variant, n, run, raw);
                recorder.step(String.format("round %d: connector %s %,.0f rows/s (ratio %.2f)", i + 1,
                    variant.name(), result.connectorRate(), result.ratio()));
                if (!run.reached()) {
                    recorder.note(variant.name() + ", round " + (i + 1) + ": only " + run.finalCount() + " of " + n
                        + " rows became visible");
                }
                measured.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
            }
        }
        return measured.values();
    }

    /** Writes {@code n} rows with questdb-client and waits until they are visible. */
    private static CountWatch.Outcome rawLoop(EmbeddedQuestDb db, String table, long n) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<CountWatch.Outcome> watch = watch(db, table, n, start);
        try (Sender sender = Sender.fromConfig(db.ilpHttpConf())) {
            for (long i = 0; i < n; i++) {
                sender.table(table).symbol("metric", Payloads.metric(i)).symbol("location", Payloads.location(i))
                    .symbol("device", Payloads.device(i, DEVICES)).doubleColumn("value", Payloads.value(i))
                    .doubleColumn("battery", Payloads.value2(i)).at(BASE_MILLIS + i, ChronoUnit.MILLIS);
            }
            sender.flush();
        }
        return watch.get();
    }

    /** A connector variant: its shipped config file, its tables' prefix and its target ratio. */
    private record Variant(String name, String file, String table, double target) {
    }

    private static final Variant JSON = new Variant("json-converter", "questdb-sink-readings.json", "bench_json",
        0.4);
    private static final Variant FAST = new Variant("fast-path", "questdb-sink-readings-fast.json", "bench_fast",
        0.6);

    /** Warm-up rounds of one variant over the warm-up topic; returns the JIT share of each round. */
    private List<Double> warmUp(Recorder recorder, ConnectHarness harness, EmbeddedQuestDb db, Variant variant,
                                long n) throws Exception {
        recorder.step("connector " + variant.name() + " (" + variant.file() + "): warm-up rounds into warm_"
            + variant.table() + "_*");
        return Jit.settle(recorder, variant.name(), MAX_WARMUP_ROUNDS, () -> {
            String warmTable = "warm_" + variant.table() + "_" + (++warmUpCounter);
            ConnectorConfigs warm = ConnectorConfigs.load(variant.file())
                .named("warm-" + variant.name() + "-" + warmUpCounter).with(overrides(db, WARMUP_TOPIC, warmTable));
            harness.startConnector(warm.name(), warm.config(), 1);
            watch(db, warmTable, Math.min(n, WARMUP_ROWS), System.nanoTime()).get();
            harness.connect().deleteConnector(warm.name());
        });
    }

    /** One round of one variant, beside the raw loop of the same round. */
    private static Result result(Variant variant, long n, CountWatch.Outcome run, CountWatch.Outcome raw) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("rows", n);
        extra.put("rowsVisible", run.finalCount());
        extra.put("secondsIncludingStartup", round(run.secondsFromStart()));
        extra.put("rawSeconds", round(raw.secondsFromStart()));
        extra.put("target", variant.target());
        return new Result("questdb", variant.name(), run.steadyRate(), raw.steadyRate(), extra);
    }

    /** One connector run over the whole topic into a fresh table (a new connector: a new consumer group). */
    private static CountWatch.Outcome connectorRun(ConnectHarness harness, EmbeddedQuestDb db, String file,
                                                   String name, String table, long n) throws Exception {
        ConnectorConfigs config = ConnectorConfigs.load(file).named("bench-" + name)
            .with(overrides(db, TOPIC, table));
        CompletableFuture<CountWatch.Outcome> watch = watch(db, table, n, System.nanoTime());
        harness.startConnector(config.name(), config.config(), 1);
        CountWatch.Outcome out = watch.get();
        harness.connect().deleteConnector(config.name());
        return out;
    }

    private static Map<String, String> overrides(EmbeddedQuestDb db, String topic, String table) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("topics", topic);
        overrides.put("table", table);
        overrides.put("client.conf.string", db.ilpHttpConf());
        return overrides;
    }

    private static CompletableFuture<CountWatch.Outcome> watch(EmbeddedQuestDb db, String table, long n,
                                                               long start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return CountWatch.await(start, () -> Math.max(0, db.rowCount(table)), n, POLL,
                    Duration.ofMinutes(5), Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
