package io.tsconnect.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void countsOnlyTheNamedThreadsCpuSinceTheSnapshot() throws Exception {
        assumeTrue(ThreadCpu.supported(), "this JVM does not measure thread CPU time");
        CountDownLatch worked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            spin(50);
            worked.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-test-busy");
        busy.start();
        worked.await();
        // Its 50 ms of work before the snapshot must not count: as a pooled task thread's earlier tasks.
        Map<Long, Long> before = ThreadCpu.snapshot();
        long idle = ThreadCpu.spentSince(before, "cpu-test-busy");
        done.countDown();
        busy.join();
        assertTrue(idle >= 0 && idle < 20_000_000L, "spent since the snapshot while waiting: " + idle + " ns");
        assertEquals(-1, ThreadCpu.spentSince(before, "no-such-thread-"));
    }

    @Test
    void aThreadStartedAfterTheSnapshotCountsWhole() throws Exception {
        assumeTrue(ThreadCpu.supported(), "this JVM does not measure thread CPU time");
        Map<Long, Long> before = ThreadCpu.snapshot();
        CountDownLatch worked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            spin(80);
            worked.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-test-new");
        busy.start();
        worked.await();
        long spent = ThreadCpu.spentSince(before, "cpu-test-new");
        done.countDown();
        busy.join();
        assertTrue(spent >= 40_000_000L, "a thread that spun 80 ms of CPU: " + spent + " ns");
    }

    @Test
    void microsPerRowIsUnknownWithoutATime() {
        assertEquals(1.5, ThreadCpu.microsPerRow(3_000_000_000L, 2_000_000L));
        assertTrue(Double.isNaN(ThreadCpu.microsPerRow(-1, 1000)));
    }

    /** Keeps the calling thread on the CPU for about {@code millis} of its own CPU time. */
    private static void spin(long millis) {
        long until = ThreadCpu.current() + millis * 1_000_000L;
        long x = 0;
        while (ThreadCpu.current() < until) {
            x += System.nanoTime() & 1;
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
