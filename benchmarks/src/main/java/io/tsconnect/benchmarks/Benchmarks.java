package io.tsconnect.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar benchmarks/target/tsconnect-benchmarks.jar <name> [options]}: runs one benchmark (or
 * {@code all}), prints its figures and stores them in the results file; {@code report} renders
 * {@code docs/BENCHMARKS.md} and the charts from that file.
 */
public final class Benchmarks {
    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        for (Benchmark b : List.of(new QuestDbBenchmark(), new RedisBenchmark(), new MqttBenchmark(),
            new MqttSinkBenchmark(), new SparkplugBenchmark(), new LatencyBenchmark(), new GithubBenchmark())) {
            BENCHMARKS.put(b.name(), b);
        }
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.println(usage());
            return;
        }
        if (!args[0].equals("report") && FixedHeap.wanted()) {
            System.exit(FixedHeap.runInChild(args));
        }
        Options options;
        try {
            options = Options.parse(Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        int status = run(args[0], options);
        // Kafka, Connect and the brokers leave non-daemon threads behind; the figures are stored by now.
        System.exit(status);
    }

    private static int run(String name, Options options) throws Exception {
        switch (name) {
            case "report" -> {
                Report.render(options.resultsFile(), options.docsDir());
                return 0;
            }
            case "all" -> {
                int failures = 0;
                for (Benchmark b : BENCHMARKS.values()) {
                    failures += runOne(b, options) ? 0 : 1;
                }
                Report.render(options.resultsFile(), options.docsDir());
                return failures == 0 ? 0 : 1;
            }
            default -> {
                Benchmark b = BENCHMARKS.get(name);
                if (b == null) {
                    System.err.println("Unknown benchmark '" + name + "'");
                    System.err.println(usage());
                    return 2;
                }
                return runOne(b, options) ? 0 : 1;
            }
        }
    }

    private static boolean runOne(Benchmark benchmark, Options options) {
        Recorder recorder = new Recorder(benchmark.name());
        try {
            benchmark.run(options, recorder);
            recorder.store(options.resultsFile(), options.given());
            return true;
        } catch (Exception | AssertionError e) {
            System.err.println("== " + benchmark.name() + " failed: " + e);
            e.printStackTrace();
            return false;
        }
    }

    static String usage() {
        StringBuilder s = new StringBuilder("Usage: java -jar benchmarks/target/tsconnect-benchmarks.jar <name> "
            + "[options]   (run from the checkout root after 'mvn -B -DskipTests package')\n\nBenchmarks:\n");
        BENCHMARKS.values().forEach(b -> s.append(String.format("  %-9s %s%n", b.name(), b.description())));
        s.append(String.format("  %-9s %s%n", "report", "render docs/BENCHMARKS.md and docs/benchmarks/*.png from "
            + "the results file"));
        s.append(String.format("  %-9s %s%n", "all", "every benchmark, then report"));
        s.append("\nOptions:\n");
        Options.KNOWN.forEach((k, v) -> s.append(String.format("  --%-14s %s%n", k, v)));
        return s.toString();
    }
}
