package io.tsconnect.simulator;

import java.util.Locale;
import java.util.Random;

/**
 * Makes plausible readings: each location has its own base temperature and pressure, each device a small offset,
 * values drift with a slow sine and noise, and a configurable share of readings is an anomaly (a spike) so that
 * dashboards have something to show.
 */
public final class ReadingGenerator {
    private static final String[] METRICS = {"temp", "pressure"};
    private final int locations;
    private final int devices;
    private final Shape shape;
    private final double anomalyRate;
    private final Random random;
    private long sequence;
    private long lastTimestamp = Long.MIN_VALUE;

    /**
     * @param locations how many locations (numbered from 1)
     * @param devices how many devices per location (numbered from 1)
     * @param shape the payload shape
     * @param anomalyRate the share of readings that are spikes, 0 to 1
     * @param seed the random seed, so a run can be repeated
     */
    public ReadingGenerator(int locations, int devices, Shape shape, double anomalyRate, long seed) {
        if (locations < 1 || devices < 1) {
            throw new IllegalArgumentException("Need at least one location and one device");
        }
        if (anomalyRate < 0 || anomalyRate > 1) {
            throw new IllegalArgumentException("anomaly rate must be within [0, 1], got " + anomalyRate);
        }
        this.locations = locations;
        this.devices = devices;
        this.shape = shape;
        this.anomalyRate = anomalyRate;
        this.random = new Random(seed);
    }

    /**
     * The next reading, cycling over every (location, device, metric) in turn. Timestamps strictly increase (a burst
     * within one millisecond is spread over the next ones), so no series ever gets two readings at the same time.
     */
    public Reading next(long clockMillis) {
        long epochMillis = Math.max(clockMillis, lastTimestamp + 1);
        lastTimestamp = epochMillis;
        long n = sequence++;
        int perDevice = shape == Shape.READINGS ? METRICS.length : 1;
        int metric = (int) (n % perDevice);
        int device = (int) ((n / perDevice) % devices) + 1;
        int location = (int) ((n / ((long) perDevice * devices)) % locations) + 1;
        return shape == Shape.READINGS
            ? reading(location, device, METRICS[metric], epochMillis)
            : sensor(location, device, epochMillis);
    }

    /** How many messages one full round over every series takes. */
    public int seriesCount() {
        return locations * devices * (shape == Shape.READINGS ? METRICS.length : 1);
    }

    private Reading reading(int location, int device, String metric, long now) {
        double value = "temp".equals(metric) ? temperature(location, device, now) : pressure(location, now);
        String payload = String.format(Locale.ROOT,
            "{\"metric\":\"%s\",\"location\":\"%d\",\"device\":\"%d\",\"value\":%.2f,\"timestamp\":%d}",
            metric, location, device, value, now);
        return new Reading("devices/" + location + "/" + device + "/" + metric, payload);
    }

    private Reading sensor(int location, int device, long now) {
        String id = String.format(Locale.ROOT, "room_%d%02d", location, device);
        String payload = String.format(Locale.ROOT,
            "{\"sensor_id\":\"%s\",\"temperature\":%.2f,\"pressure\":%.2f,\"timestamp\":%d}",
            id, temperature(location, device, now), pressure(location, now), now / 1000);
        return new Reading("sensors/" + id, payload);
    }

    private double temperature(int location, int device, long now) {
        double base = 18 + 2.5 * location + 0.3 * device;
        double drift = 2 * Math.sin(now / 600_000.0 + location);
        return spike(base + drift + random.nextGaussian() * 0.2, 15);
    }

    private double pressure(int location, long now) {
        double base = 1013 - 4 * location + 3 * Math.sin(now / 1_800_000.0);
        return spike(base + random.nextGaussian() * 0.5, 40);
    }

    private double spike(double value, double size) {
        if (anomalyRate > 0 && random.nextDouble() < anomalyRate) {
            return value + (random.nextBoolean() ? size : -size) * (1 + random.nextDouble());
        }
        return value;
    }
}
