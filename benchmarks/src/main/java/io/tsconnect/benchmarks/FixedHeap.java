package io.tsconnect.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark in a JVM with a fixed, pre-touched heap ({@value #HEAP}), as a production Connect worker is
 * run (-Xms = -Xmx): otherwise the heap grows during the first large run, and the page faults of touching its new
 * memory (up to a quarter of a task thread's time in profiles) land on whichever variant runs first. The raw loops
 * share the JVM, so both sides of every ratio run on the same heap. {@code -Dtsconnect.bench.jvm=as-is} keeps the
 * JVM as started.
 */
final class FixedHeap {
    static final String HEAP = "4g";
    private static final String PROPERTY = "tsconnect.bench.jvm";

    private FixedHeap() {
    }

    /** The heap settings of this run, as shown beside the JDK: empty when the JVM runs as started. */
    static String flags() {
        return "fixed".equals(System.getProperty(PROPERTY)) ? ", -Xms" + HEAP + " -Xmx" + HEAP
            + " -XX:+AlwaysPreTouch" : "";
    }

    /** True unless this is the child JVM, or the user asked to run in the JVM as started. */
    static boolean wanted() {
        return System.getProperty(PROPERTY) == null;
    }

    /** Runs {@code args} in a child JVM with the fixed heap; returns its exit status. */
    static int runInChild(String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xms" + HEAP, "-Xmx" + HEAP, "-XX:+AlwaysPreTouch", "-D" + PROPERTY + "=fixed",
            "-cp", System.getProperty("java.class.path"), Benchmarks.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        return child.waitFor();
    }
}
