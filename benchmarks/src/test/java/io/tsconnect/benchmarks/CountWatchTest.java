package io.tsconnect.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CountWatchTest {
    @Test
    void steadyRateCountsOnlyWhatArrivedAfterTheFirstMovement() {
        CountWatch.Outcome o = new CountWatch.Outcome(0, 1_000_000_000L, 100, 3_000_000_000L, 1100, true, -1, -1, -1);
        assertEquals(500.0, o.steadyRate(), 1e-9);
        assertEquals(1100 / 3.0, o.rateFromStart(), 1e-9);
    }

    @Test
    void stopsWhenTheCountStallsWithoutReachingTheTarget() throws Exception {
        AtomicLong polls = new AtomicLong();
        CountWatch.Outcome o = CountWatch.await(System.nanoTime(), () -> Math.min(3, polls.incrementAndGet()), 10,
            Duration.ofMillis(5), Duration.ofSeconds(10), Duration.ofMillis(100));
        assertFalse(o.reached());
        assertEquals(3, o.finalCount());
        assertTrue(o.firstNanos() > 0);
    }

    @Test
    void aFailingCountIsZero() throws Exception {
        CountWatch.Outcome o = CountWatch.await(System.nanoTime(), () -> {
            throw new IllegalStateException("table does not exist");
        }, 1, Duration.ofMillis(5), Duration.ofMillis(50), null);
        assertFalse(o.reached());
        assertEquals(0, o.finalCount());
    }

    @Test
    void compilerShareIsTheCompileTimeOverTheMeasuredWindow() {
        // 500 ms of compiling in the 2 s from the first movement to the end.
        CountWatch.Outcome o = new CountWatch.Outcome(0, 1_000_000_000L, 100, 3_000_000_000L, 1100, true, 500, -1, -1);
        assertEquals(0.25, o.compilerShare(), 1e-9);
        assertTrue(Double.isNaN(new CountWatch.Outcome(0, 1_000_000_000L, 100, 3_000_000_000L, 1100, true, -1, -1, -1)
            .compilerShare()), "unknown when not measured");
    }

    @Test
    void coresBusyIsTheProcessCpuTimeOverTheMeasuredWindow() {
        // 3,000 ms of CPU in the 2 s from the first movement to the end: one and a half cores.
        CountWatch.Outcome o = new CountWatch.Outcome(0, 1_000_000_000L, 100, 3_000_000_000L, 1100, true, -1, 3000, -1);
        assertEquals(1.5, o.coresBusy(), 1e-9);
        assertTrue(Double.isNaN(new CountWatch.Outcome(0, -1, 0, 3_000_000_000L, 0, false, -1, 3000, -1).coresBusy()),
            "unknown without a window");
    }

    @Test
    void coresBusyOutsideCompilersLeavesOutTheCompilerThreadsCpu() {
        // 3,000 ms of CPU in a 2 s window, 600 ms of it on the compiler threads: 1.2 cores for everything else.
        CountWatch.Outcome o = new CountWatch.Outcome(0, 1_000_000_000L, 100, 3_000_000_000L, 1100, true, 900, 3000,
            600);
        assertEquals(1.2, o.coresBusyOutsideCompilers(), 1e-9);
        assertTrue(Double.isNaN(new CountWatch.Outcome(0, 1_000_000_000L, 100, 3_000_000_000L, 1100, true, 900, 3000, -1)
            .coresBusyOutsideCompilers()), "unknown when the compilers' CPU was not measured");
    }

    @Test
    void aWatchRecordsTheCompileTimeOfItsWindow() throws Exception {
        AtomicLong polls = new AtomicLong();
        CountWatch.Outcome o = CountWatch.await(System.nanoTime(), polls::incrementAndGet, 5, Duration.ofMillis(5),
            Duration.ofSeconds(10), null);
        assertTrue(o.reached());
        assertTrue(o.compileMillis() >= 0, "HotSpot reports compile time: " + o.compileMillis());
        assertTrue(Double.isFinite(o.compilerShare()));
        assertTrue(o.cpuMillis() >= 0, "HotSpot reports process CPU time: " + o.cpuMillis());
    }

    @Test
    void aWatchThatReachesItsTargetKnowsWhatTheThreadsSpentInItsWindow() throws Exception {
        AtomicLong polls = new AtomicLong();
        CountWatch.Outcome reached = CountWatch.await(System.nanoTime(), polls::incrementAndGet, 5,
            Duration.ofMillis(5), Duration.ofSeconds(10), null);
        // The watch polls on this thread: its own time over the window is known and small.
        double mine = reached.threadMicrosPerRecord(Thread.currentThread().getName());
        assertTrue(!ThreadCpu.supported() || mine >= 0 && mine < 1e6, "this thread's µs per record: " + mine);
        AtomicLong stalled = new AtomicLong();
        CountWatch.Outcome shortOfIt = CountWatch.await(System.nanoTime(), () -> Math.min(3, stalled.incrementAndGet()),
            10, Duration.ofMillis(5), Duration.ofSeconds(10), Duration.ofMillis(100));
        assertTrue(Double.isNaN(shortOfIt.threadMicrosPerRecord(Thread.currentThread().getName())),
            "no figure for a window that did not end at the target");
    }
}
