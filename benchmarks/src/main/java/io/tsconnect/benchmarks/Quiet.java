package io.tsconnect.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * Waits for this JVM to go quiet before a measurement: after a connector run its worker still closes the task,
 * QuestDB applies and purges, the collector runs; a variant started at once measured a fifth slower when it
 * followed another (most often the one after the official connector), so figures depended on the order.
 */
final class Quiet {
    /** Quiet: the process used less than this share of one core over a {@link #WINDOW_MS} window. */
    static final double IDLE_SHARE = 0.15;
    static final long WINDOW_MS = 250;
    static final long MAX_WAIT_MS = 10_000;

    private Quiet() {
    }

    /** Waits until the process is quiet, at most {@link #MAX_WAIT_MS}; returns the milliseconds waited. */
    static long settle() throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        long deadline = start + MAX_WAIT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            Thread.sleep(WINDOW_MS);
            double share = (os.getProcessCpuTime() - cpu) / (double) (System.nanoTime() - wall);
            if (share < IDLE_SHARE) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1_000_000L;
    }
}
