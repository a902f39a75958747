package io.tsconnect.benchmarks;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;


import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

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
    private static final int DEVICES = 100;
    private static final long BASE_MILLIS = 1_700_000_000_000L;
    /**
     * Row-count polling (from the in-process engine, see {@link EmbeddedQuestDb#visibleRows}): at 100 ms a 1.2 s
     * raw run was known to within ±8%, at 20 ms ±2%.
     */
    private static final Duration POLL = Duration.ofMillis(20);
    /** The raw loop's thread is named so while it runs, for its CPU time (see {@link ThreadCpu}). */
    private static final String RAW_CLIENT_THREAD = "raw-loop-client";
    /**
     * Warm-up rounds stop when the JIT settles, or after this many (after 6 rounds of both converters, the
     * worker's code was still being compiled for 23-55% of a round's window).
     */
    private static final int MAX_WARMUP_ROUNDS = 10;
    private int warmUpCounter;
    private boolean workerPerRound;
    /** Per round: the worker's consumption alone, and the ceiling it puts on any sink's ratio (see notes). */
    private final List<String> floors = new ArrayList<>();
    private RunProfiler profiler;

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
        workerPerRound = Boolean.parseBoolean(options.string("worker-per-round", "true"));
        QuestDbPeer peer = QuestDbPeer.from(options);
        profiler = RunProfiler.from(options);
        recorder.step("starting QuestDB (in-process) and Kafka + one Connect worker with the packaged plugin"
            + (peer == null ? "" : " and the official connector from " + peer.pluginPath()));
        try (EmbeddedQuestDb db = EmbeddedQuestDb.start();
             ConnectHarness harness = harness(peer);
             KafkaTopics topics = new KafkaTopics(harness.bootstrapServers())) {
            harness.kafka().createTopic(TOPIC, 1);
            harness.kafka().createTopic("device-readings-dlq", 1);
            recorder.step(String.format("prefilling %s with %,d JSON readings", TOPIC, n));
            double fill = topics.fill(TOPIC, n, i -> Payloads.device(i, DEVICES),
                i -> Payloads.readingJson(i, DEVICES, BASE_MILLIS + i));
            recorder.step(String.format("prefilled at %,.0f records/s", fill));
            String rawWarmUp = Jit.settleMeasured(recorder, "raw loop", MAX_WARMUP_ROUNDS,
                () -> rawLoop(db, "warmup_" + (++warmUpCounter), n));
            String sharedWarmUp = Jit.settleMeasured(recorder, "worker's sink path (discarding sink, both converters)",
                MAX_WARMUP_ROUNDS, () -> workerWarmUp(harness, n, ++warmUpCounter));
            List<Variant> variants = variants(options, peer);
            rounds(recorder, harness, db, n, runs, variants)
                .forEach(rounds -> recorder.result(Result.medianRound(rounds)));
            notes(recorder, runs, rawWarmUp, sharedWarmUp, peer);
        }
    }

    /** The variants of a round, in the order given by {@code --variants} (default: ours, official, fast path). */
    private static List<Variant> variants(Options options, QuestDbPeer peer) {
        Map<String, Variant> known = new LinkedHashMap<>();
        for (Variant v : List.of(JSON, OFFICIAL, FAST)) {
            if (v != OFFICIAL || peer != null) {
                known.put(v.name(), v);
            }
        }
        return options.words("variants", List.copyOf(known.keySet()), known.keySet()).stream()
            .map(known::get).toList();
    }

    /** Kafka and one worker with our packaged plugin, and the peer's folder when it is run. */
    private static ConnectHarness harness(QuestDbPeer peer) {
        ConnectHarness.Builder builder = ConnectHarness.builder().name("bench-questdb")
            .plugins("questdb-sink-connector").workers(1);
        if (peer != null) {
            // The official connector has no META-INF/services manifest: the worker scans for it.
            builder.pluginPath(peer.pluginPath()).workerProp("plugin.discovery", "hybrid_warn");
        }
        return builder.start();
    }

    /**
     * Replaces the worker by a new one: its plugin class loaders are new, so every connector's code (and its copy
     * of questdb-client) is loaded and compiled afresh, and each round is its first contact with data, as after a
     * worker restart; the worker's own code, on the classpath, stays compiled.
     */
    private static void freshWorker(ConnectHarness harness) throws InterruptedException {
        EmbeddedConnectCluster connect = harness.connect();
        Set<WorkerHandle> old = Set.copyOf(connect.workers());
        connect.addWorker();
        old.forEach(connect::removeWorker);
        connect.assertions().assertExactlyNumWorkersAreUp(1, "The new Connect worker did not start");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                connect.connectors();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * One warm-up round of what the worker does for every sink connector alike: a sink that drops what it gets
     * ({@link DiscardSinkConnector}) over the whole topic with the JsonConverter config's converters, then with the
     * fast path's (ByteArrayConverter). The Kafka consumer, WorkerSinkTask's conversion and error handling and
     * JsonConverter are the worker's code, shared by every connector in it: without this the connector measured
     * first would compile them for the ones after it (JFR: a C2 compile of ClassicKafkaConsumer.poll alone took
     * 0.4 s of round 1's first connector window when the warm-up rounds were timed whole and never settled).
     *
     * @return the run of the two whose compilers were busier
     */
    private static CountWatch.Outcome workerWarmUp(ConnectHarness harness, long n, int round) throws Exception {
        CountWatch.Outcome json = discardRun(harness, n, "warmup-discard-json-" + round, JSON.file());
        CountWatch.Outcome bytes = discardRun(harness, n, "warmup-discard-bytes-" + round, FAST.file());
        return json.compilerShare() >= bytes.compilerShare() ? json : bytes;
    }

    /** The discarding sink over the topic, with the converters of the shipped config {@code file}. */
    private static Map<String, String> discardConfig(String file) {
        Map<String, String> config = new HashMap<>(Map.of(
            "connector.class", DiscardSinkConnector.class.getName(),
            "topics", TOPIC,
            "errors.tolerance", "all"));
        ConnectorConfigs.load(file).config().forEach((k, v) -> {
            if (k.endsWith(".converter") || k.contains(".converter.")) {
                config.put(k, v);
            }
        });
        return config;
    }

    /**
     * The discarding sink with the converters of the shipped config {@code file}, measured as a connector run is;
     * with the fast path's (ByteArrayConverter), what the worker alone costs per record (Kafka fetching and
     * decompressing, WorkerSinkTask, offsets), which every sink pays on top of writing.
     */
    private static CountWatch.Outcome discardRun(ConnectHarness harness, long n, String name, String file)
        throws Exception {
        long before = DiscardSinkConnector.RECEIVED.sum();
        CompletableFuture<CountWatch.Outcome> watch = watch(() -> DiscardSinkConnector.RECEIVED.sum() - before, n,
            System.nanoTime());
        harness.startConnector(name, discardConfig(file), 1);
        CountWatch.Outcome out = watch.get();
        harness.connect().deleteConnector(name);
        return out;
    }

    /**
     * The worker's consumption alone and the ceiling it puts on any sink's ratio to the raw loop: a sink does the
     * raw loop's work (client encoding, QuestDB's ingestion, all in this JVM) plus the worker's, so with the CPU
     * time per row of each (the JIT compiler threads' left out, where /proc tells them), all the machine's cores
     * busy and nothing else at all (not even compiling its own code) it could reach cores / (raw CPU per row +
     * consumption CPU per record) rows/s.
     */
    private static String floor(CountWatch.Outcome consumption, CountWatch.Outcome raw) {
        double rawCores = working(raw);
        double consumptionCores = working(consumption);
        double rawCpu = rawCores / raw.steadyRate();
        double consumptionCpu = consumptionCores / consumption.steadyRate();
        return String.format(Locale.ROOT, "%,.0f records/s at %.2f cores besides compiling (%.2f µs CPU per record; "
            + "raw loop %.2f µs per row at %.2f cores; compiler threads %.2f and %.2f cores): ceiling %.2f",
            consumption.steadyRate(), consumptionCores, consumptionCpu * 1e6, rawCpu * 1e6, rawCores,
            consumption.coresBusy() - consumptionCores, raw.coresBusy() - rawCores, ceiling(consumption, raw, 0));
    }

    /**
     * The ratio to the raw loop a sink could reach that spends {@code extraMicros} of CPU per row beyond the raw
     * loop's work and the worker's consumption, with every core busy and nothing else to do (no compiling, no core
     * ever idle): cores / (raw CPU per row + consumption CPU per record + extra) / raw rate. Any sink: no extra; ours:
     * its sender threads' CPU per row less the raw loop's client thread's (QuestDB's share of the raw loop's CPU
     * stays). NaN when a figure is unknown (the official connector has no sender threads). An estimate: the figures
     * come from separate runs.
     */
    private static double ceiling(CountWatch.Outcome consumption, CountWatch.Outcome raw, double extraMicros) {
        double perRow = working(raw) / raw.steadyRate() + working(consumption) / consumption.steadyRate()
            + extraMicros / 1e6;
        return Runtime.getRuntime().availableProcessors() / perRow / raw.steadyRate();
    }

    /** The cores a run kept busy besides compiling, or all it kept busy where the compilers' CPU is not known. */
    private static double working(CountWatch.Outcome run) {
        double outside = run.coresBusyOutsideCompilers();
        return Double.isNaN(outside) ? run.coresBusy() : outside;
    }

    private void notes(Recorder recorder, int runs, String rawWarmUp, String sharedWarmUp, QuestDbPeer peer) {
        recorder.note("Rates count rows from the first poll that saw rows of the table to the poll that saw all "
            + "of them (the rows queries see, read from QuestDB's engine in this JVM every " + POLL.toMillis()
            + " ms, not through SQL over HTTP), so connector start-up is excluded; the raw "
            + "loop is measured the same way. " + runs + " rounds each measure the raw loop, then every connector "
            + "variant in turn (ours with JsonConverter, " + (peer == null ? "" : "the official connector, ")
            + "ours on the fast path; round 2 starts with the second of them, and so on), each into a fresh "
            + "table; a figure is the round with the median "
            + "connector/raw ratio (every round is in the results file and below). The raw loop is warmed up "
            + "first with rounds exactly like the measured ones (the whole topic's worth of rows, judged on "
            + "their measured window), until the JIT compilers were busy less than " + Math.round(Jit.SETTLED * 100)
            + "% of it, at most " + MAX_WARMUP_ROUNDS + " (compiler share and rate per round: " + rawWarmUp
            + "), and so is what the worker does for every sink connector alike: a sink that drops its records, "
            + "run over the whole topic with the JsonConverter config's converters and then with the fast path's "
            + "(Kafka consumer, WorkerSinkTask, JsonConverter), until the compilers settled in both (the busier "
            + "of the two per round: " + sharedWarmUp + "), so that the connector measured first does not compile "
            + "the worker's code for the others. The connectors themselves are not warmed up"
            + (workerPerRound ? ", and each round after the first runs on a new worker (new plugin class "
                + "loaders, so the connectors' code is loaded and compiled afresh): every round is each connector's "
                + "first contact with data, as after a worker restart" : ": round 1 is each connector's first "
                + "contact with data, later rounds run on the same worker") + "; the order of the variants rotates "
            + "by one each round. Before each measured run the JVM is let go quiet (under "
            + Math.round(Quiet.IDLE_SHARE * 100) + "% of a core over " + Quiet.WINDOW_MS + " ms, at most "
            + Quiet.MAX_WAIT_MS / 1000 + " s), so that a run does not pay for the previous one's shutdown and "
            + "QuestDB's background work. QuestDB, Kafka and Connect share the machine's cores in one "
            + "JVM; QuestDB's idle workers nap after 100 empty loops instead of spinning (its default suits a "
            + "dedicated server).");
        recorder.note("What the worker alone costs, each round after the raw loop: a sink that drops its records "
            + "(ByteArrayConverter, as the fast path), measured as a connector run is, with the CPU time of this "
            + "JVM over its window (every thread: Kafka broker and consumer, Connect, QuestDB, the count polling). "
            + "A sink does the raw loop's work plus the worker's, so even with every core busy and nothing else to "
            + "do (not even compiling its own code on a new worker) its ratio to the raw loop is at most cores / "
            + "(raw CPU per row + consumption CPU per record) / raw rate, the ceiling below; both CPU figures leave "
            + "out the JIT compiler threads' CPU time (read from /proc), so the ceiling does not count the "
            + "warm-up of either. It is an estimate from two runs, not a bound: the JVM's CPU time counts "
            + "everything in it, so a window in which other work ran (QuestDB's background jobs, a collection) "
            + "makes a run's CPU per row, and the ceiling, come out off. Per round: "
            + String.join("; ", floors) + ".");
        recorder.note("Where a connector's own CPU went, each run: the CPU time of its task thread and of our sink's "
            + "sender threads per row over the measured window (read by thread name from this JVM when the first "
            + "rows and all of them were visible), beside the raw loop's client thread's. A sink's sender threads "
            + "do what the raw loop's client thread does (encode and send) plus mapping each record, so the ceiling "
            + "above, with "
            + "the raw client's CPU per row replaced by the sender threads', is about the most that sink's ratio "
            + "can be with every core busy and nothing compiled (ownCeiling in the results file). An estimate, not "
            + "a bound, as the ceiling above is: its figures come from the raw loop's, the consumption's and the "
            + "connector's runs, whose CPU per row each vary, so a round can land above it (by 0.10 in one round "
            + "seen).");
        recorder.note("Connector configs are connector-configs/questdb-sink-readings.json (the fast path: "
            + "ByteArrayConverter + value.format=json) and alternatives/questdb-sink-readings-jsonconverter.json "
            + "(JsonConverter) as shipped (tasks.max=1, "
            + "one partition, default flush settings, tables created with DEDUP UPSERT KEYS), with only the "
            + "topic, table and QuestDB address overridden.");
        recorder.note(peer == null
            ? "The official QuestDB connector was not run (no --peer-plugin): run with --peer-plugin "
                + "<kafka-questdb-connector zip or folder> for its row."
            : "official: the official QuestDB Kafka connector (" + QuestDbPeer.CONNECTOR_CLASS + ", "
                + peer.pluginPath() + ") on the same worker, topic and QuestDB, with JsonConverter, symbols "
                + "metric,location,device, timestamp.field.name=timestamp, timestamp.units=millis, "
                + "include.key=false; its table (and the raw loop's) is created beforehand as ours creates its own, and each round "
                + "checks with SHOW CREATE TABLE that both wrote into identical tables.");
    }

    /**
     * The machine's speed drifts (the raw loop alone moved from 417k to 629k rows/s within half an hour): each
     * round measures the raw loop and every variant back to back.
     *
     * @return per variant, its result of each round
     */
    private Collection<List<Result>> rounds(Recorder recorder, ConnectHarness harness, EmbeddedQuestDb db,
                                                   long n, int runs, List<Variant> variants) throws Exception {
        Map<Variant, List<Result>> measured = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            if (i > 0 && workerPerRound) {
                freshWorker(harness);
            }
            Quiet.settle();
            CountWatch.Outcome raw = rawLoop(db, "bench_raw_" + i, n);
            recorder.step(String.format("round %d: raw loop %,.0f rows/s", i + 1, raw.steadyRate()));
            Quiet.settle();
            CountWatch.Outcome consumption = discardRun(harness, n, "bench-consumption-" + i, FAST.file());
            floors.add(floor(consumption, raw));
            recorder.step(String.format("round %d: worker's consumption alone %s", i + 1, floors.get(i)));
            for (int k = 0; k < variants.size(); k++) {
                Variant variant = variants.get((k + i) % variants.size());
                String table = variant.table() + "_" + i;
                Map<String, String> config = variant == OFFICIAL ? officialConfig(db, table)
                    : ConnectorConfigs.load(variant.file()).with(overrides(db, TOPIC, table)).config();
                Quiet.settle();
                ConnectorRun connectorRun = connectorRun(harness, db, "bench-" + variant.name() + "-" + i, config,
                    table, n);
                CountWatch.Outcome run = connectorRun.outcome();
                Result result = result(variant, n, connectorRun, raw, consumption);
                recorder.step(String.format("round %d: connector %s %,.0f rows/s (ratio %.2f; CPU µs per row: task "
                    + "thread %s, sender threads %s, raw client %s; ceiling %s)", i + 1, variant.name(),
                    result.connectorRate(), result.ratio(), result.extra().get(Result.TASK_PER_ROW),
                    result.extra().get(Result.SENDER_PER_ROW), result.extra().get(Result.RAW_CLIENT_PER_ROW),
                    result.extra().get(Result.OWN_CEILING)));
                if (!run.reached()) {
                    recorder.note(variant.name() + ", round " + (i + 1) + ": only " + run.finalCount() + " of " + n
                        + " rows became visible");
                }
                measured.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
            }
            if (variants.contains(OFFICIAL) && variants.contains(JSON)) {
                checkSameTable(db, OFFICIAL.table() + "_" + i, JSON.table() + "_" + i);
            }
        }
        return measured.values();
    }

    /**
     * The DDL the shipped readings configs create their tables with (table.create=true, dedup keys metric, location,
     * device), used for the raw loop's and the official connector's tables; each round checks that ours and the
     * official connector's tables came out the same.
     */
    private static final String READINGS_DDL = "CREATE TABLE IF NOT EXISTS \"%s\" (\"timestamp\" TIMESTAMP, "
        + "\"metric\" SYMBOL, \"location\" SYMBOL, \"device\" SYMBOL) TIMESTAMP(\"timestamp\") PARTITION BY DAY WAL "
        + "DEDUP UPSERT KEYS(\"timestamp\", \"metric\", \"location\", \"device\")";

    /** The official connector's config; its table is created beforehand as ours creates its own. */
    private static Map<String, String> officialConfig(EmbeddedQuestDb db, String table) {
        db.exec(String.format(READINGS_DDL, table));
        return QuestDbPeer.config(TOPIC, table, db.ilpHttpConf());
    }

    /** Fails the run when the official connector's table of a round differs from ours (but for its name). */
    private static void checkSameTable(EmbeddedQuestDb db, String official, String ours) {
        String a = createStatement(db, official).replace(official, "t");
        String b = createStatement(db, ours).replace(ours, "t");
        if (!a.equals(b)) {
            throw new IllegalStateException("The official connector's table differs from ours:\n" + a + "\n" + b);
        }
    }

    private static String createStatement(EmbeddedQuestDb db, String table) {
        return String.valueOf(db.query("SHOW CREATE TABLE " + table).get(0).values().iterator().next());
    }

    /**
     * Writes {@code n} rows with questdb-client into a table created as the connectors' (with the same DEDUP keys)
     * and waits until they are visible.
     */
    private static CountWatch.Outcome rawLoop(EmbeddedQuestDb db, String table, long n) throws Exception {
        db.exec(String.format(READINGS_DDL, table));
        long start = System.nanoTime();
        CompletableFuture<CountWatch.Outcome> watch = watch(db, table, n, start);
        Thread client = Thread.currentThread();
        String name = client.getName();
        client.setName(RAW_CLIENT_THREAD);
        try (Sender sender = Sender.fromConfig(db.ilpHttpConf())) {
            for (long i = 0; i < n; i++) {
                sender.table(table).symbol("metric", Payloads.metric(i)).symbol("location", Payloads.location(i))
                    .symbol("device", Payloads.device(i, DEVICES)).doubleColumn("value", Payloads.value(i))
                    .doubleColumn("battery", Payloads.value2(i)).at(BASE_MILLIS + i, ChronoUnit.MILLIS);
            }
            sender.flush();
            // Named until the watch's last look at the threads: the window ends when the last rows are visible.
            return watch.get();
        } finally {
            client.setName(name);
        }
    }

    /**
     * A connector variant: its shipped config file, its tables' prefix, its target ratio to the raw loop and to
     * the official connector (NaN: none).
     */
    private record Variant(String name, String file, String table, double target, double officialTarget) {
    }

    private static final Variant JSON = new Variant("json-converter",
        "alternatives/questdb-sink-readings-jsonconverter.json", "bench_json",
        0.4, 1.5);
    private static final Variant FAST = new Variant("fast-path", "questdb-sink-readings.json", "bench_fast",
        0.8, 2.0);
    /** The official QuestDB connector, when {@code --peer-plugin} is given. */
    private static final Variant OFFICIAL = new Variant("official", null, "bench_official", Double.NaN,
        Double.NaN);

    /** One round of one variant, beside the raw loop and the worker's consumption alone of the same round. */
    private static Result result(Variant variant, long n, ConnectorRun connectorRun, CountWatch.Outcome raw,
                                 CountWatch.Outcome consumption) {
        CountWatch.Outcome run = connectorRun.outcome();
        double senders = run.threadMicrosPerRecord("questdb-sink-sender-" + connectorRun.name() + "-");
        Map<String, Object> extra = new HashMap<>();
        extra.put("rows", n);
        extra.put("rowsVisible", run.finalCount());
        extra.put("secondsIncludingStartup", round(run.secondsFromStart()));
        extra.put("rawSeconds", round(raw.secondsFromStart()));
        Result.putWindowFigures(extra, run, raw);
        Result.putRequestTime(extra, connectorRun.requestMicrosPerRow());
        double rawClient = raw.threadMicrosPerRecord(RAW_CLIENT_THREAD);
        Result.putThreadFigures(extra, run.threadMicrosPerRecord("task-thread-" + connectorRun.name() + "-"), senders,
            rawClient, ceiling(consumption, raw, senders - rawClient));
        if (!Double.isNaN(variant.target())) {
            extra.put("target", variant.target());
            extra.put("officialTarget", variant.officialTarget());
        }
        return new Result("questdb", variant.name(), run.steadyRate(), raw.steadyRate(), extra);
    }

    /**
     * One connector run over the whole topic into a fresh table (a new connector: a new consumer group), with the time
     * its requests to QuestDB took per row where its task's metrics tell it (ours: NaN for the official connector).
     */
    private ConnectorRun connectorRun(ConnectHarness harness, EmbeddedQuestDb db, String name,
                                      Map<String, String> config, String table, long n) throws Exception {
        CompletableFuture<CountWatch.Outcome> watch = watch(db, table, n, System.nanoTime());
        CountWatch.Outcome out = profiler.around(name, () -> {
            harness.startConnector(name, config, 1);
            return watch.get();
        });
        TaskMetrics metrics = new TaskMetrics("questdb-sink-task", name);
        double requestMicros = metrics.number("Flushes") * metrics.number("FlushLatencyAvgMs") * 1000
            / metrics.number("RowsWritten");
        harness.connect().deleteConnector(name);
        return new ConnectorRun(name, out, requestMicros);
    }

    /** A connector's run and the time its requests to QuestDB took per row written (µs; NaN when not known). */
    private record ConnectorRun(String name, CountWatch.Outcome outcome, double requestMicrosPerRow) {
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
        return watch(() -> Math.max(0, db.visibleRows(table)), n, start);
    }

    /** Watches {@code count} (from {@code start}) on another thread until it reaches {@code n}. */
    private static CompletableFuture<CountWatch.Outcome> watch(LongSupplier count, long n, long start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return CountWatch.await(start, count, n, POLL, Duration.ofMinutes(5), Duration.ofSeconds(60));
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
