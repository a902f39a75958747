package io.tsconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import one.profiler.AsyncProfiler;

/**
 * With {@code --profile cpu|wall|alloc}, profiles each connector run on its own with async-profiler and writes
 * {@code <profile-dir>/<run>.collapsed} (one line per stack, thread names first): the figures say how fast, a
 * profile says where the time of exactly that run went. Without the option it does nothing.
 */
final class RunProfiler {
    private final String event;
    private final Path dir;

    private RunProfiler(String event, Path dir) {
        this.event = event;
        this.dir = dir;
    }

    static RunProfiler from(Options options) {
        String event = options.string("profile", "");
        if (!event.isEmpty() && !event.matches("cpu|wall|alloc")) {
            throw new IllegalArgumentException("--profile: one of cpu, wall, alloc");
        }
        return new RunProfiler(event, Path.of(options.string("profile-dir", "target/profiles")));
    }

    /** A measured part of a run. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws Exception;
    }

    /** Runs {@code body}, profiled into {@code <dir>/<name>.collapsed} when profiling is on. */
    <T> T around(String name, Body<T> body) throws Exception {
        if (event.isEmpty()) {
            return body.run();
        }
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        profiler.execute("start,event=" + event + ",interval=" + (event.equals("alloc") ? "512k" : "1ms")
            + ",threads");
        try {
            return body.run();
        } finally {
            write(profiler, name);
        }
    }

    private void write(AsyncProfiler profiler, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + event + ".collapsed");
        profiler.execute("stop,file=" + file.toAbsolutePath() + ",collapsed");
        System.out.println(" - profile: " + file);
    }
}
