package io.tsconnect.benchmarks;

import java.util.Map;

/**
 * One measured figure of a benchmark run, as stored in {@code docs/benchmarks/results.json}.
 *
 * @param benchmark the benchmark, e.g. {@code questdb-sink}
 * @param variant what was varied, e.g. {@code fast-path}, {@code qos1}, {@code rate=10000}
 * @param connectorRate records per second through the connector
 * @param rawRate records per second of the raw client loop into the same server, in the same run
 * @param extra further figures (latency percentiles, record counts)
 */
public record Result(String benchmark, String variant, double connectorRate, double rawRate,
                     Map<String, Object> extra) {
    /** connector ÷ raw, or NaN when there is no raw figure. */
    public double ratio() {
        return rawRate > 0 ? connectorRate / rawRate : Double.NaN;
    }
}
