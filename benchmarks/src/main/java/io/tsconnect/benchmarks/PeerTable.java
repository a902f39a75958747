package io.tsconnect.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The QuestDB report's side-by-side table: every round of ours (JsonConverter, fast path) beside the official
 * connector measured in the same round, with ours ÷ official per path.
 */
final class PeerTable {
    static final String PEER = "official";

    private PeerTable() {
    }

    /** Appends the table when {@code run} holds a peer row; a line saying it was not run otherwise (QuestDB). */
    static void write(StringBuilder s, Run run) {
        Optional<Result> peer = find(run, PEER);
        Optional<Result> json = find(run, "json-converter");
        Optional<Result> fast = find(run, "fast-path");
        if (!"questdb".equals(run.benchmark()) || json.isEmpty() || fast.isEmpty()) {
            return;
        }
        if (peer.isEmpty()) {
            s.append("The official QuestDB connector was not run in this run (`--peer-plugin` not given).\n\n");
            return;
        }
        List<Long> o = runs(peer.get());
        List<Long> j = runs(json.get());
        List<Long> f = runs(fast.get());
        s.append("Ours beside the official QuestDB connector, every round (rows/s; targets: JsonConverter ")
            .append(target(json.get())).append(", fast path ").append(target(fast.get()))
            .append(" the official connector, from round 1):\n\n")
            .append("| round | ours, JsonConverter | official (JsonConverter) | ours, fast path | JsonConverter ÷ "
                + "official | fast path ÷ official |\n|---|---:|---:|---:|---:|---:|\n");
        int rounds = Math.min(o.size(), Math.min(j.size(), f.size()));
        List<Double> jsonRatios = new ArrayList<>();
        List<Double> fastRatios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            jsonRatios.add((double) j.get(i) / o.get(i));
            fastRatios.add((double) f.get(i) / o.get(i));
            s.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %,d | %.2f× | %.2f× |%n", i + 1, j.get(i),
                o.get(i), f.get(i), jsonRatios.get(i), fastRatios.get(i)));
        }
        s.append(String.format(Locale.ROOT, "| median | %,d | %,d | %,d | %.2f× | %.2f× |%n%n",
            Math.round(median(j)), Math.round(median(o)), Math.round(median(f)), median(jsonRatios),
            median(fastRatios)))
            .append("(The median ratios are the medians of the rounds' ratios, each taken within one round.)\n\n");
    }

    private static String target(Result r) {
        Object t = r.extra().get("officialTarget");
        return t == null ? "—" : "≥ " + t + "×";
    }

    private static Optional<Result> find(Run run, String variant) {
        return run.results().stream().filter(r -> r.variant().equals(variant)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> runs(Result r) {
        Object runs = r.extra().get("connectorRuns");
        return runs instanceof List<?> list
            ? ((List<Number>) list).stream().map(Number::longValue).toList()
            : List.of(Math.round(r.connectorRate()));
    }

    static double median(List<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
