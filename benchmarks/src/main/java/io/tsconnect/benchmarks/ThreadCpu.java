package io.tsconnect.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads by name, to split a measured window's CPU per row between the code that does the
 * work: a connector's task thread (Connect names it {@code task-thread-<connector>-<task>} while it runs the
 * task), the sender threads our QuestDB sink starts ({@code questdb-sink-sender-<connector>-<task>-<i>}), or the
 * thread that ran the raw loop. Two {@link #snapshot()}s, at the start and the end of a window, give what threads
 * of a name spent in between.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /**
     * The live threads' CPU time so far (ns) and names, by thread id.
     *
     * @param cpu CPU time so far
     * @param names name at the moment of the snapshot
     */
    record Snapshot(Map<Long, Long> cpu, Map<Long, String> names) {
    }

    /** True where the JVM measures each thread's CPU time. */
    static boolean supported() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    /** Every live thread's CPU time and name, or null where the JVM does not tell. */
    static Snapshot snapshot() {
        if (!supported()) {
            return null;
        }
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            long nanos = info == null ? -1 : THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return new Snapshot(cpu, names);
    }

    /**
     * CPU time (ns) spent between two snapshots by the threads named {@code prefix}… in the later one (a thread
     * started in between counts whole; Connect runs tasks on pooled threads it renames, so a task thread may have
     * worked before under another name); -1 when either snapshot is missing or no such thread was seen.
     */
    static long spent(Snapshot before, Snapshot after, String prefix) {
        if (before == null || after == null) {
            return -1;
        }
        long sum = 0;
        boolean found = false;
        for (Map.Entry<Long, String> thread : after.names().entrySet()) {
            if (thread.getValue().startsWith(prefix)) {
                sum += after.cpu().get(thread.getKey()) - before.cpu().getOrDefault(thread.getKey(), 0L);
                found = true;
            }
        }
        return found ? sum : -1;
    }
}
