package io.tsconnect.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The quickstart's data directory: Kafka's log directory (topics, consumer and Connect offsets), QuestDB's and the
 * MQTT broker's data, and the log of every service. A second run on the same directory resumes where the first
 * stopped.
 */
final class DataDir {
    /** What the quickstart creates in the directory; {@link #wipe()} deletes these and nothing else. */
    private static final List<String> ENTRIES = List.of("kafka", "questdb", "mqtt", "quickstart.log");
    private final Path root;

    DataDir(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path questdb() {
        return root.resolve("questdb");
    }

    Path mqtt() {
        return root.resolve("mqtt");
    }

    /** Where Kafka, Connect, QuestDB and HiveMQ log (the console shows only the quickstart's own lines). */
    Path log() {
        return root.resolve("quickstart.log");
    }

    /** True when an earlier run left Kafka's data here: this run resumes it. */
    boolean hasState() {
        return Files.exists(kafka().resolve("meta.properties"));
    }

    /** Deletes what an earlier run left (only the quickstart's own entries: the directory may hold others). */
    void wipe() throws IOException {
        for (String entry : ENTRIES) {
            Path path = root.resolve(entry);
            if (Files.exists(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
