package io.tsconnect.benchmarks;

import java.util.Arrays;

/**
 * Latency samples in microseconds with exact percentiles (samples are kept; a benchmark records at most a few
 * million).
 */
public final class LatencyStats {
    private long[] samples = new long[1024];
    private int size;

    /** Records one latency. */
    public synchronized void record(long micros) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = micros;
    }

    public synchronized int count() {
        return size;
    }

    /** The {@code p}-th percentile (0 to 100) by nearest rank, or 0 when empty. */
    public synchronized long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
