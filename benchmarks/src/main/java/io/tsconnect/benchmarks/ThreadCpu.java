package io.tsconnect.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads by name, to split a run's CPU per row between the code that does the work: a
 * connector's task thread (Connect names it {@code task-thread-<connector>-<task>}) and the sender threads our
 * QuestDB sink starts ({@code questdb-sink-sender-<connector>-<task>-<i>}), or the thread that ran the raw loop.
 * A thread's time is readable only while it lives, so a connector's threads are read before it is deleted.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** True where the JVM measures each thread's CPU time (then the figures below are known). */
    static boolean supported() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    /** CPU time of the calling thread so far (ns), or -1 where the JVM does not tell. */
    static long current() {
        return supported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** The CPU time so far (ns) of every live thread, by thread id (empty where the JVM does not tell). */
    static Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        if (supported()) {
            for (long id : THREADS.getAllThreadIds()) {
                cpu.put(id, THREADS.getThreadCpuTime(id));
            }
        }
        return cpu;
    }

    /**
     * CPU time (ns) the live threads whose name starts with {@code prefix} spent since {@code before} (a
     * {@link #snapshot()}; a thread started since counts whole), summed; -1 where the JVM does not tell or no such
     * thread lives. Connect runs tasks on pooled threads it renames, so a task thread may have worked before.
     */
    static long spentSince(Map<Long, Long> before, String prefix) {
        if (!supported()) {
            return -1;
        }
        long sum = 0;
        boolean found = false;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    sum += nanos - Math.max(0, before.getOrDefault(info.getThreadId(), 0L));
                    found = true;
                }
            }
        }
        return found ? sum : -1;
    }

    /** {@code nanos} of CPU over {@code rows} rows, in µs per row; NaN when the time is not known. */
    static double microsPerRow(long nanos, long rows) {
        return nanos < 0 || rows <= 0 ? Double.NaN : nanos / 1e3 / rows;
    }
}
