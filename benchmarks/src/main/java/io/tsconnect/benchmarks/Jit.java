package io.tsconnect.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Warms the JVM up until its JIT compilers are mostly done: on 2 cores shared by Kafka, Connect and the target,
 * a fixed warm-up left C2 compiling 10-35% of the measured runs' CPU (async-profiler), so figures measured the
 * compiler as much as the code.
 */
final class Jit {
    /**
     * A warm-up round counts as settled when the compilers worked less than this share of its wall time (summed
     * over the compiler threads, and counting time a compiler waited for a core, so it can exceed 100%).
     */
    static final double SETTLED = 0.05;

    /** The stat files of the compiler threads (see {@link #compilerCpuMillis()}), and when they were looked up. */
    private static List<Path> compilerThreads;
    private static long compilerThreadsFoundNanos;

    /** One warm-up round. */
    @FunctionalInterface
    interface Round {
        void run() throws Exception;
    }

    /** One warm-up round, measured as a run is: returns what its watch saw (rate, compile time of its window). */
    @FunctionalInterface
    interface MeasuredRound {
        CountWatch.Outcome run() throws Exception;
    }

    private Jit() {
    }

    /** Total JIT compile time of this JVM so far (summed over the compiler threads), or -1 when it does not tell. */
    static long compiledMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * CPU time of this JVM's JIT compiler threads so far, in ms (Linux: from /proc/self/task, where HotSpot names
     * them "C1 CompilerThre…" and "C2 CompilerThre…", at 100 clock ticks a second), or -1 where that is not
     * readable. Unlike {@link #compiledMillis()} it leaves out the time a compile waited for a core. The compiler
     * threads are looked up among all of this JVM's threads at most once a second (reading every thread's stat at
     * each 20 ms poll took 3% of a measured window's CPU); a compiler thread that ended takes its CPU time with it.
     */
    static synchronized long compilerCpuMillis() {
        long now = System.nanoTime();
        if (compilerThreads == null || now - compilerThreadsFoundNanos > 1_000_000_000L) {
            compilerThreads = findCompilerThreads();
            compilerThreadsFoundNanos = now;
        }
        if (compilerThreads == null) {
            return -1;
        }
        long ticks = 0;
        for (Path stat : compilerThreads) {
            ticks += cpuTicksOrZero(stat);
        }
        return ticks * 10;
    }

    /** The stat files of this JVM's compiler threads, or null where /proc/self/task is not readable. */
    private static List<Path> findCompilerThreads() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return null;
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                Path stat = thread.resolve("stat");
                try {
                    if (isCompilerThread(Files.readString(stat))) {
                        found.add(stat);
                    }
                } catch (java.io.IOException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return found;
    }

    /** The CPU clock ticks of one thread, 0 when it has ended. */
    private static long cpuTicksOrZero(Path stat) {
        try {
            return cpuTicks(Files.readString(stat));
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Whether a /proc/…/stat line is a HotSpot JIT compiler thread's (its name is the field in parentheses). */
    static boolean isCompilerThread(String stat) {
        int open = stat.indexOf('(');
        return open >= 0 && (stat.startsWith("C1 CompilerThre", open + 1) || stat.startsWith("C2 CompilerThre",
            open + 1));
    }

    /**
     * User plus system CPU clock ticks from a /proc/…/stat line: fields 14 and 15, counted after the name in
     * parentheses (which may itself hold spaces).
     */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Runs {@code round} until the compilers' time during it is under {@link #SETTLED} of its wall time, at most
     * {@code maxRounds} times.
     *
     * @return the compile share of each round, in order
     */
    static List<Double> settle(Recorder recorder, String what, int maxRounds, Round round)
        throws Exception {
        List<Double> shares = new ArrayList<>();
        for (int i = 1; i <= maxRounds; i++) {
            long compiled = compiledMillis();
            long start = System.nanoTime();
            round.run();
            double wallMillis = (System.nanoTime() - start) / 1e6;
            double share = (compiledMillis() - compiled) / wallMillis;
            shares.add(Math.round(share * 1000) / 1000.0);
            recorder.step(String.format("warm-up %s, round %d: JIT compilers busy %.0f%% of %.1f s", what, i,
                share * 100, wallMillis / 1000));
            if (share < SETTLED) {
                break;
            }
        }
        return shares;
    }

    /**
     * Runs {@code round} until the compilers' share of its measured window (first sample seen to last, as in a
     * measured run, so starting and stopping a connector is left out as it is from the figures) is under
     * {@link #SETTLED}, at most {@code maxRounds} times. A round whose window is unknown counts as unsettled.
     *
     * @return each round's compiler share and rate, e.g. "[81% 412,000/s, 72% 480,000/s]", for the notes
     */
    static String settleMeasured(Recorder recorder, String what, int maxRounds, MeasuredRound round)
        throws Exception {
        List<String> rounds = new ArrayList<>();
        for (int i = 1; i <= maxRounds; i++) {
            CountWatch.Outcome outcome = round.run();
            double share = outcome.compilerShare();
            rounds.add(String.format("%.0f%% %,.0f/s", share * 100, outcome.steadyRate()));
            recorder.step(String.format("warm-up %s, round %d: %,.0f/s, JIT compilers busy %.0f%% of it", what, i,
                outcome.steadyRate(), share * 100));
            if (share < SETTLED) {
                break;
            }
        }
        return rounds.toString();
    }
}
