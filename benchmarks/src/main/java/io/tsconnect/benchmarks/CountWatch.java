package io.tsconnect.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Polls a count (rows visible in a database, records in a topic) until it reaches a target, noting when it first
 * moved and when it got there: the benchmark's clock for "all records have arrived".
 */
public final class CountWatch {
    private CountWatch() {
    }

    /**
     * What a watch saw.
     *
     * @param startNanos when the watch started
     * @param firstNanos when the count was first above its starting value (or -1)
     * @param countAtFirst the count at that moment
     * @param endNanos when the count reached the target, or (short of it) when the count last moved
     * @param finalCount the last count seen
     * @param reached whether the target was reached
     * @param compileMillis the time this JVM's JIT compilers spent from the first poll that saw records to the end
     *     (summed over the compiler threads), or -1 when not known
     * @param cpuMillis the CPU time of this whole process (every thread, compilers and GC included) over the same
     *     window, or -1 when not known
     * @param compilerCpuMillis the CPU time of the JIT compiler threads alone over the same window, or -1 when not
     *     known
     * @param threadsAtFirst every thread's CPU time at the first poll that saw records, or null
     * @param threadsAtEnd every thread's CPU time when the target was reached, or null (not reached, not known)
     */
    public record Outcome(long startNanos, long firstNanos, long countAtFirst, long endNanos, long finalCount,
                          boolean reached, long compileMillis, long cpuMillis, long compilerCpuMillis,
                          ThreadCpu.Snapshot threadsAtFirst, ThreadCpu.Snapshot threadsAtEnd) {
        /** An outcome without per-thread figures. */
        public Outcome(long startNanos, long firstNanos, long countAtFirst, long endNanos, long finalCount,
                       boolean reached, long compileMillis, long cpuMillis, long compilerCpuMillis) {
            this(startNanos, firstNanos, countAtFirst, endNanos, finalCount, reached, compileMillis, cpuMillis,
                compilerCpuMillis, null, null);
        }

        /**
         * The CPU time per record counted in the window (µs) of the threads whose name starts with {@code prefix}
         * at its end; NaN when not known or no such thread ran.
         */
        public double threadMicrosPerRecord(String prefix) {
            long nanos = ThreadCpu.spent(threadsAtFirst, threadsAtEnd, prefix);
            long records = finalCount - countAtFirst;
            return nanos < 0 || records <= 0 ? Double.NaN : nanos / 1e3 / records;
        }

        /** Records per second from the start of the watch to the end. */
        public double rateFromStart() {
            return rate(finalCount, endNanos - startNanos);
        }

        /**
         * Records per second once records were flowing: from the first poll that saw any to the end, counting only
         * records that became visible after that poll (start-up of a connector task excluded).
         */
        public double steadyRate() {
            if (firstNanos < 0 || endNanos <= firstNanos) {
                return rateFromStart();
            }
            return rate(finalCount - countAtFirst, endNanos - firstNanos);
        }

        /**
         * The JIT compilers' time over the window {@link #steadyRate()} is measured in, as a share of its wall time
         * (it can exceed 1 with several compiler threads); NaN when not known. On 2 cores, compiling takes a core
         * from the code being measured.
         */
        public double compilerShare() {
            return perWindowMillisecond(compileMillis);
        }

        /**
         * Cores this process kept busy over the window {@link #steadyRate()} is measured in (its CPU time over the
         * wall time); NaN when not known. With every service in the benchmark's JVM, 2.0 means the machine was full.
         */
        public double coresBusy() {
            return perWindowMillisecond(cpuMillis);
        }

        /**
         * Cores this process kept busy over the window with everything but compiling: {@link #coresBusy()} less the
         * JIT compiler threads' CPU time; NaN when either is not known.
         */
        public double coresBusyOutsideCompilers() {
            return coresBusy() - compilerCores();
        }

        /** Cores the JIT compiler threads kept busy over the window; NaN when not known. */
        public double compilerCores() {
            return perWindowMillisecond(compilerCpuMillis);
        }

        /**
         * This process's CPU time per record counted in the window (µs), besides the JIT compiler threads'; NaN
         * when either is not known.
         */
        public double cpuMicrosPerRecordOutsideCompilers() {
            return coresBusyOutsideCompilers() / steadyRate() * 1e6;
        }

        /** {@code millis} over the wall time of the measured window; NaN when either is not known. */
        private double perWindowMillisecond(long millis) {
            if (millis < 0 || firstNanos < 0 || endNanos <= firstNanos) {
                return Double.NaN;
            }
            return millis / ((endNanos - firstNanos) / 1e6);
        }

        public double secondsFromStart() {
            return (endNanos - startNanos) / 1e9;
        }

        private static double rate(long count, long nanos) {
            return nanos <= 0 ? 0 : count / (nanos / 1e9);
        }
    }

    /**
     * Polls {@code count} every {@code interval} from {@code startNanos} until it reaches {@code target}, the
     * timeout passes, or (when {@code stallTimeout} is not null) it stops moving for that long.
     */
    public static Outcome await(long startNanos, LongSupplier count, long target, Duration interval,
                                Duration timeout, Duration stallTimeout) throws InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        long initial = -1;
        long first = -1;
        long atFirst = 0;
        long last = -1;
        long lastChange = System.nanoTime();
        Clocks atFirstClocks = null;
        Clocks atChangeClocks = null;
        ThreadCpu.Snapshot threadsAtFirst = null;
        while (true) {
            long now = System.nanoTime();
            long c = safely(count);
            if (initial < 0) {
                initial = c;
            }
            if (first < 0 && c > Math.max(0, initial) && c > 0) {
                first = now;
                atFirst = c;
                atFirstClocks = Clocks.read();
                threadsAtFirst = ThreadCpu.snapshot();
            }
            if (c != last) {
                last = c;
                lastChange = now;
                atChangeClocks = Clocks.read();
            }
            boolean stalled = stallTimeout != null && now - lastChange > stallTimeout.toNanos();
            if (c >= target || now > deadline || stalled) {
                // Short of the target, the rate is what arrived until the count last moved, not until we gave up.
                Clocks spent = atFirstClocks == null ? Clocks.UNKNOWN
                    : (c >= target ? Clocks.read() : atChangeClocks).since(atFirstClocks);
                return new Outcome(startNanos, first, atFirst, c >= target ? now : lastChange, c, c >= target,
                    spent.compiledMillis(), spent.cpuMillis(), spent.compilerCpuMillis(), threadsAtFirst,
                    c >= target ? ThreadCpu.snapshot() : null);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** The JVM's compile time, CPU time and compiler threads' CPU time so far, in ms (each -1 when not known). */
    private record Clocks(long compiledMillis, long cpuMillis, long compilerCpuMillis) {
        static final Clocks UNKNOWN = new Clocks(-1, -1, -1);

        static Clocks read() {
            return new Clocks(Jit.compiledMillis(), processCpuMillis(), Jit.compilerCpuMillis());
        }

        /** What was spent since {@code earlier}; -1 where either reading is unknown (or a thread's time left). */
        Clocks since(Clocks earlier) {
            return new Clocks(spent(earlier.compiledMillis, compiledMillis), spent(earlier.cpuMillis, cpuMillis),
                spent(earlier.compilerCpuMillis, compilerCpuMillis));
        }

        private static long spent(long before, long after) {
            return before < 0 || after < 0 || after < before ? -1 : after - before;
        }
    }

    /** CPU time of this process so far, in ms, or -1 when the JVM does not tell. */
    static long processCpuMillis() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1_000_000;
        }
        return -1;
    }

    private static long safely(LongSupplier count) {
        try {
            return count.getAsLong();
        } catch (RuntimeException e) {
            // A table or topic that does not exist yet counts as empty.
            return 0;
        }
    }
}
