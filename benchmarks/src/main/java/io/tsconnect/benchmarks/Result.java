package io.tsconnect.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured figure of a benchmark run, as stored in {@code docs/benchmarks/results.json}.
 *
 * @param benchmark the benchmark, e.g. {@code questdb-sink}
 * @param variant what was varied, e.g. {@code fast-path}, {@code qos1}, {@code rate=10000}
 * @param connectorRate records per second through the connector
 * @param rawRate records per second of the raw client loop into the same server, in the same run
 * @param extra further figures (latency percentiles, record counts)
 */
public record Result(String benchmark, String variant, double connectorRate, double rawRate,
                     Map<String, Object> extra) {
    /** The extra figure of one round: the JIT compilers' share of its measured window (see CountWatch). */
    static final String COMPILER_SHARE = "compilerShare";
    /** The extra figure of a median round: {@link #COMPILER_SHARE} of every round, in order. */
    static final String COMPILER_SHARES = "compilerShares";
    /** The extra figure of one round: cores the JVM kept busy in the connector's measured window. */
    static final String CORES_BUSY = "coresBusy";
    /** The extra figure of one round: cores the JVM kept busy in the raw loop's measured window. */
    static final String RAW_CORES_BUSY = "rawCoresBusy";
    /**
     * The extra figure of one round: the JVM's CPU time per row (µs) in the connector's measured window, besides the
     * JIT compiler threads'.
     */
    static final String CPU_PER_ROW = "cpuMicrosPerRow";
    /** The extra figure of one round: {@link #CPU_PER_ROW} of the raw loop's window. */
    static final String RAW_CPU_PER_ROW = "rawCpuMicrosPerRow";
    /** The extra figure of one round: cores the JIT compiler threads kept busy in the connector's window. */
    static final String COMPILER_CORES = "compilerCores";
    /**
     * The extra figure of one round: the time the connector's requests to QuestDB took per row written (µs), from its
     * task's metrics (sum of the flushes' round trips over the rows they carried).
     */
    static final String REQUEST_PER_ROW = "requestMicrosPerRow";
    /**
     * The extra figure of one round: the CPU time per row (µs) of the connector's task thread in its measured window
     * (Kafka's consumer, Connect's conversion, the connector's put).
     */
    static final String TASK_PER_ROW = "taskMicrosPerRow";
    /** The extra figure of one round: the CPU time per row (µs) of our sink's sender threads (mapping, encoding). */
    static final String SENDER_PER_ROW = "senderMicrosPerRow";
    /** The extra figure of one round: the CPU time per row (µs) of the raw loop's client thread. */
    static final String RAW_CLIENT_PER_ROW = "rawClientMicrosPerRow";
    /**
     * The extra figure of one round: the ceiling on the connector's ratio to the raw loop that its sender threads'
     * measured CPU per row leaves, with every core busy and no compiling (see QuestDbBenchmark).
     */
    static final String OWN_CEILING = "ownCeiling";
    /** Per-round figures gathered into a list, in round order, by {@link #medianRound}. */
    private static final Map<String, String> PER_ROUND = perRound();

    /** Each per-round figure and the name of its list: the figure's name and "Rounds", but for the older three. */
    private static Map<String, String> perRound() {
        Map<String, String> lists = new HashMap<>(Map.of(COMPILER_SHARE, COMPILER_SHARES, "rawBefore",
            "rawBeforeRuns", "rawAfter", "rawAfterRuns"));
        for (String figure : List.of(CORES_BUSY, RAW_CORES_BUSY, CPU_PER_ROW, RAW_CPU_PER_ROW, COMPILER_CORES,
            REQUEST_PER_ROW, TASK_PER_ROW, SENDER_PER_ROW, RAW_CLIENT_PER_ROW, OWN_CEILING)) {
            lists.put(figure, figure + "Rounds");
        }
        return Map.copyOf(lists);
    }

    /**
     * Adds what is known of the measured windows to {@code extra}: the compilers' share of the connector's, the
     * cores the JVM kept busy in the connector's and in the raw loop's, the CPU per row of both besides the
     * compiler threads, and the compiler threads' cores in the connector's.
     */
    static void putWindowFigures(Map<String, Object> extra, CountWatch.Outcome run, CountWatch.Outcome raw) {
        putRounded(extra, COMPILER_SHARE, run.compilerShare());
        putRounded(extra, CORES_BUSY, run.coresBusy());
        putRounded(extra, RAW_CORES_BUSY, raw.coresBusy());
        putRounded(extra, CPU_PER_ROW, run.cpuMicrosPerRecordOutsideCompilers());
        putRounded(extra, RAW_CPU_PER_ROW, raw.cpuMicrosPerRecordOutsideCompilers());
        putRounded(extra, COMPILER_CORES, run.compilerCores());
    }

    /** Adds {@link #REQUEST_PER_ROW} to {@code extra} when it is known (not NaN). */
    static void putRequestTime(Map<String, Object> extra, double micros) {
        putRounded(extra, REQUEST_PER_ROW, micros);
    }

    /**
     * Adds what is known (not NaN) of where a round's CPU went: the connector's task thread and sender threads per
     * row, the raw loop's client thread per row, and the ceiling the sender threads' figure leaves.
     */
    static void putThreadFigures(Map<String, Object> extra, double task, double senders, double rawClient,
                                 double ownCeiling) {
        putRounded(extra, TASK_PER_ROW, task);
        putRounded(extra, SENDER_PER_ROW, senders);
        putRounded(extra, RAW_CLIENT_PER_ROW, rawClient);
        putRounded(extra, OWN_CEILING, ownCeiling);
    }

    private static void putRounded(Map<String, Object> extra, String key, double value) {
        if (Double.isFinite(value)) {
            extra.put(key, Math.round(value * 100) / 100.0);
        }
    }

    /** The list {@link #medianRound} gathered of a per-round figure (e.g. {@link #CORES_BUSY}), or null. */
    List<?> perRound(String key) {
        return extra.get(PER_ROUND.get(key)) instanceof List<?> list ? list : null;
    }

    /** connector ÷ raw, or NaN when there is no raw figure. */
    public double ratio() {
        return rawRate > 0 ? connectorRate / rawRate : Double.NaN;
    }

    /**
     * Of several rounds of one variant (each with the raw rate measured beside it), the round with the median
     * ratio (the upper one of an even count), with every round's connector rate, raw rate and ratio attached.
     */
    public static Result medianRound(List<Result> rounds) {
        List<Result> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(Result::ratio));
        Result mid = sorted.get(sorted.size() / 2);
        Map<String, Object> extra = new HashMap<>(mid.extra());
        extra.put("connectorRuns", rounds.stream().map(r -> Math.round(r.connectorRate())).toList());
        extra.put("rawRuns", rounds.stream().map(r -> Math.round(r.rawRate())).toList());
        extra.put("ratios", rounds.stream().map(r -> Math.round(r.ratio() * 100) / 100.0).toList());
        PER_ROUND.forEach((figure, list) -> {
            if (rounds.stream().allMatch(r -> r.extra().get(figure) instanceof Number)) {
                extra.put(list, rounds.stream().map(r -> r.extra().get(figure)).toList());
            }
        });
        return new Result(mid.benchmark(), mid.variant(), mid.connectorRate(), mid.rawRate(), extra);
    }
}
