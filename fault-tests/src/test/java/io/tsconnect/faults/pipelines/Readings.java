package io.tsconnect.faults.pipelines;

import io.tsconnect.faults.sources.SequencePublisher;

/**
 * The device readings the IoT pipeline's fault test publishes, in the simulator's shape: reading {@code n} belongs
 * to series {@code n % 8} (2 metrics x 2 locations x 2 devices) and is stamped {@code t0 + n / 8} ms, so the eight
 * series share every timestamp and only the natural key (timestamp, metric, location, device) tells readings apart.
 * Its value is {@code n + 0.5}.
 */
record Readings(long t0) {
    static final int SERIES = 8;

    SequencePublisher.Message message(int n) {
        String metric = metric(n);
        String location = location(n);
        String device = device(n);
        String payload = "{\"metric\":\"" + metric + "\",\"location\":\"" + location + "\",\"device\":\"" + device
            + "\",\"value\":" + value(n) + ",\"timestamp\":" + timestamp(n) + "}";
        return new SequencePublisher.Message("devices/" + location + "/" + device + "/" + metric, payload);
    }

    long timestamp(int n) {
        return t0 + n / SERIES;
    }

    static double value(int n) {
        return n + 0.5;
    }

    /** The RedisTimeSeries key of reading {@code n}'s series, as {@code ts.key.template} makes it. */
    static String seriesKey(int n) {
        return metric(n) + ":" + location(n) + ":" + device(n);
    }

    /** The reading with this natural key. */
    int number(long timestamp, String metric, String location, String device) {
        int series = (metric.equals("temp") ? 0 : 1) + (Integer.parseInt(location) - 1) * 2
            + (Integer.parseInt(device) - 1) * 4;
        return (int) (timestamp - t0) * SERIES + series;
    }

    static String metric(int n) {
        return n % 2 == 0 ? "temp" : "pressure";
    }

    static String location(int n) {
        return String.valueOf(n / 2 % 2 + 1);
    }

    static String device(int n) {
        return String.valueOf(n / 4 % 2 + 1);
    }
}
