package io.tsconnect.quickstart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The quickstart's data directory: Kafka's log directory (topics, consumer and Connect offsets), QuestDB's and the
 * MQTT broker's data, and the log of every service. A second run on the same directory resumes where the first
 * stopped. One quickstart at a time uses a directory ({@link #lock()}).
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

    /** Held while a quickstart runs on the directory; not one of {@link #ENTRIES}, so never wiped. */
    Path lockFile() {
        return root.resolve("quickstart.lock");
    }

    /**
     * Takes the directory for this process until it exits (the operating system releases the lock then, however it
     * ends), with this process's pid in the lock file.
     *
     * @return the lock (keep it reachable), or empty when another quickstart holds it: {@link #holder()} names it
     */
    Optional<FileLock> lock() throws IOException {
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        String pid = Long.toString(ProcessHandle.current().pid());
        channel.write(ByteBuffer.wrap(pid.getBytes(StandardCharsets.US_ASCII)));
        return Optional.of(lock);
    }

    /** The pid the lock file names (the quickstart holding or last holding the directory), or "unknown". */
    String holder() {
        try {
            String pid = Files.readString(lockFile(), StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
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
