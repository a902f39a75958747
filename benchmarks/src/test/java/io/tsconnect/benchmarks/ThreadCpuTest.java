package io.tsconnect.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    private static ThreadCpu.Snapshot snapshot(Map<Long, Long> cpu, Map<Long, String> names) {
        return new ThreadCpu.Snapshot(cpu, names);
    }

    @Test
    void countsWhatTheThreadsNamedSoAtTheEndSpentBetweenTheSnapshots() {
        ThreadCpu.Snapshot before = snapshot(Map.of(1L, 500L, 2L, 900L, 3L, 50L),
            Map.of(1L, "pool-1-thread-1", 2L, "questdb-sink-sender-c-0-0", 3L, "other"));
        // Thread 1 worked before under its pool name and has since been renamed for the task; thread 4 is new.
        ThreadCpu.Snapshot after = snapshot(Map.of(1L, 800L, 2L, 1900L, 3L, 5000L, 4L, 700L),
            Map.of(1L, "task-thread-c-0", 2L, "questdb-sink-sender-c-0-0", 3L, "other",
                4L, "questdb-sink-sender-c-0-1"));
        assertEquals(300, ThreadCpu.spent(before, after, "task-thread-c-"));
        assertEquals(1000 + 700, ThreadCpu.spent(before, after, "questdb-sink-sender-c-"));
        assertEquals(-1, ThreadCpu.spent(before, after, "task-thread-other-"));
        assertEquals(-1, ThreadCpu.spent(null, after, "other"));
    }

    @Test
    void aWindowsThreadFigureIsPerRecordCountedInIt() {
        ThreadCpu.Snapshot first = snapshot(Map.of(7L, 1_000_000L), Map.of(7L, "raw-loop-client"));
        ThreadCpu.Snapshot end = snapshot(Map.of(7L, 301_000_000L), Map.of(7L, "raw-loop-client"));
        CountWatch.Outcome o = new CountWatch.Outcome(0, 1_000_000_000L, 100_000, 2_000_000_000L, 1_100_000, true,
            -1, -1, -1, first, end);
        assertEquals(0.3, o.threadMicrosPerRecord("raw-loop-client"), 1e-9);
        assertTrue(Double.isNaN(o.threadMicrosPerRecord("task-thread-")));
        assertTrue(Double.isNaN(new CountWatch.Outcome(0, 1_000_000_000L, 100_000, 2_000_000_000L, 1_100_000, true,
            -1, -1, -1).threadMicrosPerRecord("raw-loop-client")));
    }

    @Test
    void aSnapshotOfThisJvmSeesTheCallingThreadWithItsCpuTime() {
        ThreadCpu.Snapshot now = ThreadCpu.snapshot();
        if (!ThreadCpu.supported()) {
            assertEquals(null, now);
            return;
        }
        long me = Thread.currentThread().getId();
        assertEquals(Thread.currentThread().getName(), now.names().get(me));
        assertTrue(now.cpu().get(me) > 0, "this thread has run: " + now.cpu().get(me));
    }
}
