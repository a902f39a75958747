package io.tsconnect.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options {@code --name value} of a benchmark run, with typed getters that fall back to defaults.
 * Unknown names are refused so that a typo does not silently run with the default.
 */
public final class Options {
    /** Every option any benchmark reads, with a one-line description for the usage text. */
    static final Map<String, String> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("n", "records/messages per measurement (default per benchmark)");
        KNOWN.put("redis-url", "redis://[user:password@]host:port of a RedisTimeSeries server (default: the "
            + "in-process stand-in)");
        KNOWN.put("brokers", "MQTT brokers: mosquitto,hivemq (mqtt, mqtt-sink: both when mosquitto is installed; latency: mosquitto if installed, else hivemq)");
        KNOWN.put("tasks", "MQTT source tasks to try on HiveMQ CE, e.g. 1,2,4 (more than 1 uses a shared "
            + "subscription)");
        KNOWN.put("runs", "questdb, mqtt, mqtt-sink: measurements per figure, the median is reported (default 3)");
        KNOWN.put("qos", "MQTT QoS levels to measure, e.g. 0,1");
        KNOWN.put("value-formats", "mqtt: value.format of the connector runs, bytes and/or json_map (default both)");
        KNOWN.put("rates", "latency: target rates in msg/s (default 1000,10000,50000)");
        KNOWN.put("flush-ms", "latency: the QuestDB sink's flush.interval.ms per pipeline, 0 = as shipped "
            + "(default 0,100)");
        KNOWN.put("seconds", "latency: seconds per rate (default 10); github: seconds of API activity (default 60)");
        KNOWN.put("poll-ms", "latency: QuestDB polling interval in ms (default 20)");
        KNOWN.put("latency-tasks", "latency: MQTT source tasks, shared subscription when > 1 (default 1)");
        KNOWN.put("peer-plugin", "questdb: the official QuestDB Kafka connector (its Hub zip or unpacked plugin "
            + "folder) to run beside ours, e.g. ../shared/peers/questdb-official/"
            + "kafka-questdb-connector-0.24-SNAPSHOT-bin.zip (default: not run)");
        KNOWN.put("variants", "questdb: connector variants per round, in this order: json-converter, official "
            + "(with --peer-plugin), fast-path (default: all, in that order)");
        KNOWN.put("worker-per-round", "questdb: true (default) starts a new Connect worker for each round after the "
            + "first, so every round is each connector's first contact with data; false keeps one worker");
        KNOWN.put("profile", "questdb, redis: profile each connector run with async-profiler, event cpu, wall or alloc "
            + "(default: off)");
        KNOWN.put("profile-dir", "where --profile writes <run>-<event>.collapsed (default target/profiles)");
        KNOWN.put("results", "results file (default docs/benchmarks/results.json)");
        KNOWN.put("docs", "where report writes BENCHMARKS.md (default docs)");
    }

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code --name value} pairs. */
    public static Options parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Expected --option, got '" + arg + "'");
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            String value;
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("Missing value for --" + name);
            }
            if (!KNOWN.containsKey(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "; known: " + KNOWN.keySet());
            }
            values.put(name, value);
        }
        return new Options(values);
    }

    /** The options as given that change what is measured (not where results go), for the results file. */
    public Map<String, String> given() {
        Map<String, String> measured = new LinkedHashMap<>(values);
        measured.remove("results");
        measured.remove("docs");
        return Map.copyOf(measured);
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public long longValue(String name, long defaultValue) {
        String v = values.get(name);
        return v == null ? defaultValue : Long.parseLong(v.replace("_", "").replace(",", ""));
    }

    /** A comma-separated list of integers. */
    public List<Integer> ints(String name, List<Integer> defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(Integer.parseInt(part.trim().replace("_", "")));
            }
        }
        return out;
    }

    /** A comma-separated list of words, checked against {@code allowed}. */
    public List<String> words(String name, List<String> defaultValue, Set<String> allowed) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(",")) {
            String word = part.trim();
            if (!allowed.contains(word)) {
                throw new IllegalArgumentException("--" + name + ": '" + word + "' is not one of " + allowed);
            }
            out.add(word);
        }
        return out;
    }

    public Path resultsFile() {
        return Path.of(string("results", "docs/benchmarks/results.json"));
    }

    public Path docsDir() {
        return Path.of(string("docs", "docs"));
    }
}
