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
     */
    public record Outcome(long startNanos, long firstNanos, long countAtFirst, long endNanos, long finalCount,
                          boolean reached, long compileMillis, long cpuMillis, long compilerCpuMillis) {
        /** An outcome whose compilers' CPU time is not known. */
        public Outcome(long startNanos, long firstNanos, long countAtFirst, long endNanos, long finalCount,
                       boolean reached, long compileMillis, long cpuMillis) {
            this(startNanos, firstNanos, countAtFirst, endNanos, finalCount, reached, compileMillis, cpuMillis, -1);
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
            if (compileMillis < 0 || firstNanos < 0 || endNanos <= firstNanos) {
                return Double.NaN;
            }
            return compileMillis / ((endNanos - firstNanos) / 1e6);
        }

        /**
         * Cores this process kept busy over the window {@link #steadyRate()} is measured in (its CPU time over the
         * wall time); NaN when not known. With every service in the benchmark's JVM, 2.0 means the machine was full.
         */
        public double coresBusy() {
            if (cpuMillis < 0 || firstNanos < 0 || endNanos <= firstNanos) {
                return Double.NaN;
            }
            return cpuMillis / ((endNanos - firstNanos) / 1e6);
        }

        /**
         * Cores this process kept busy over the window with everything but compiling: {@link #coresBusy()} less the
         * JIT compiler threads' CPU time; NaN when either is not known.
         */
        public double coresBusyOutsideCompilers() {
            if (compilerCpuMillis < 0) {
                return Double.NaN;
            }
            return coresBusy() - compilerCpuMillis / ((endNanos - firstNanos) / 1e6);
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
        long compiledAtFirst = -1;
        long compiledAtChange = -1;
        long cpuAtFirst = -1;
        long cpuAtChange = -1;
        long compilerCpuAtFirst = -1;
        long compilerCpuAtChange = -1;
        while (true) {
            long now = System.nanoTime();
            long c = safely(count);
            if (initial < 0) {
                initial = c;
            }
            if (first < 0 && c > Math.max(0, initial) && c > 0) {
                first = now;
                atFirst = c;
                compiledAtFirst = Jit.compiledMillis();
                cpuAtFirst = processCpuMillis();
                compilerCpuAtFirst = Jit.compilerCpuMillis();
            }
            if (c != last) {
                last = c;
                lastChange = now;
                compiledAtChange = Jit.compiledMillis();
                cpuAtChange = processCpuMillis();
                compilerCpuAtChange = Jit.compilerCpuMillis();
            }
            boolean stalled = stallTimeout != null && now - lastChange > stallTimeout.toNanos();
            if (c >= target || now > deadline || stalled) {
                // Short of the target, the rate is what arrived until the count last moved, not until we gave up.
                long compiled = compiledAtFirst < 0 ? -1
                    : (c >= target ? Jit.compiledMillis() : compiledAtChange) - compiledAtFirst;
                long cpu = cpuAtFirst < 0 ? -1 : (c >= target ? processCpuMillis() : cpuAtChange) - cpuAtFirst;
                long compilerCpu = compilerCpuAtFirst < 0 ? -1
                    : (c >= target ? Jit.compilerCpuMillis() : compilerCpuAtChange) - compilerCpuAtFirst;
                return new Outcome(startNanos, first, atFirst, c >= target ? now : lastChange, c, c >= target,
                    compiled, Math.max(-1, cpu), Math.max(-1, compilerCpu));
            }
            Thread.sleep(interval.toMillis());
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
