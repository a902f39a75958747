package io.tsconnect.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void percentilesByNearestRank() {
        LatencyStats stats = new LatencyStats();
        for (int i = 100; i >= 1; i--) {
            stats.record(i);
        }
        assertEquals(100, stats.count());
        assertEquals(50, stats.percentile(50));
        assertEquals(99, stats.percentile(99));
        assertEquals(100, stats.percentile(100));
        assertEquals(1, stats.percentile(0));
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 5000; i++) {
            stats.record(7);
        }
        stats.record(1_000_000);
        assertEquals(5001, stats.count());
        assertEquals(7, stats.percentile(99));
        assertEquals(1_000_000, stats.percentile(100));
    }

    @Test
    void emptyIsZero() {
        assertEquals(0, new LatencyStats().percentile(99));
    }
}
