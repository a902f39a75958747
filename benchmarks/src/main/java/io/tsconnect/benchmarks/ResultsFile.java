package io.tsconnect.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The results file ({@code docs/benchmarks/results.json}): the latest run of each benchmark. A new run of a
 * benchmark replaces its previous run and leaves the others, so benchmarks can be re-run one at a time.
 */
public final class ResultsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> ORDER = List.of("questdb", "redis", "mqtt", "latency");

    private ResultsFile() {
    }

    /** The runs in {@code file}, or none when it does not exist. */
    public static List<Run> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Run>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Stores {@code run} in {@code file}, replacing an earlier run of the same benchmark. */
    public static synchronized void store(Path file, Run run) {
        List<Run> runs = new ArrayList<>(read(file));
        runs.removeIf(r -> r.benchmark().equals(run.benchmark()));
        runs.add(run);
        runs.sort(Comparator.comparingInt(r -> order(r.benchmark())));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "results", ".json");
            JSON.writeValue(tmp.toFile(), runs);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static int order(String benchmark) {
        int i = ORDER.indexOf(benchmark);
        return i < 0 ? ORDER.size() : i;
    }
}
