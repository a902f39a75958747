package io.tsconnect.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * What to simulate and where to publish it.
 *
 * @param broker the MQTT broker, e.g. {@code tcp://localhost:1883}
 * @param locations locations L
 * @param devices devices D per location
 * @param rate messages per second in total (0: as fast as the broker takes them)
 * @param count messages to publish before stopping (0: no limit)
 * @param duration how long to run (zero: no limit)
 * @param shape the payload shape
 * @param qos the MQTT QoS, 0 to 2
 * @param anomalyRate the share of spikes
 * @param username the MQTT user, or null
 * @param password the MQTT password, or null
 * @param clientId the MQTT client id
 * @param seed the random seed
 */
public record SimulatorOptions(URI broker, int locations, int devices, double rate, long count, Duration duration,
                               Shape shape, int qos, double anomalyRate, String username, String password,
                               String clientId, long seed) {
    public static final String USAGE = String.join("\n",
        "Usage: java -jar tsconnect-device-simulator.jar [options]",
        "  --broker URI         MQTT broker (default tcp://localhost:1883)",
        "  --locations N        locations (default 3)",
        "  --devices N          devices per location (default 4)",
        "  --rate N             messages per second in total, 0 = as fast as possible (default 20)",
        "  --count N            stop after N messages, 0 = never (default 0)",
        "  --duration SECONDS   stop after this long, 0 = never (default 0)",
        "  --shape S            readings (devices/<location>/<device>/<metric>) or sensor (sensors/<id>)",
        "  --qos Q              0, 1 or 2 (default 1)",
        "  --anomaly-rate R     share of readings that are spikes, 0..1 (default 0.01)",
        "  --username U         MQTT user; the password is read from MQTT_PASSWORD",
        "  --client-id ID       MQTT client id (default tsconnect-simulator)",
        "  --seed N             random seed (default 42)");

    public SimulatorOptions {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("--qos must be 0, 1 or 2");
        }
        if (rate < 0 || count < 0 || duration.isNegative()) {
            throw new IllegalArgumentException("--rate, --count and --duration cannot be negative");
        }
    }

    /** The defaults, as the usage text lists them. */
    public static SimulatorOptions defaults() {
        return new Builder().build();
    }

    /** Parses command-line arguments over the defaults; the password comes from {@code passwordFromEnv}. */
    public static SimulatorOptions parse(String[] args, String passwordFromEnv) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + args[i]);
            }
            b.set(args[i], args[i + 1]);
        }
        if (b.username != null) {
            b.password = passwordFromEnv;
        }
        return b.build();
    }

    /** Collects options before they are checked together. */
    public static final class Builder {
        public URI broker = URI.create("tcp://localhost:1883");
        public int locations = 3;
        public int devices = 4;
        public double rate = 20;
        public long count;
        public Duration duration = Duration.ZERO;
        public Shape shape = Shape.READINGS;
        public int qos = 1;
        public double anomalyRate = 0.01;
        public String username;
        public String password;
        public String clientId = "tsconnect-simulator";
        public long seed = 42;

        void set(String flag, String v) {
            switch (flag) {
                case "--broker" -> broker = URI.create(v);
                case "--locations" -> locations = Integer.parseInt(v);
                case "--devices" -> devices = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--count" -> count = Long.parseLong(v);
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(v));
                case "--shape" -> shape = Shape.valueOf(v.toUpperCase(Locale.ROOT));
                case "--qos" -> qos = Integer.parseInt(v);
                case "--anomaly-rate" -> anomalyRate = Double.parseDouble(v);
                case "--username" -> username = v;
                case "--client-id" -> clientId = v;
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("Unknown option " + flag);
            }
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(broker, locations, devices, rate, count, duration, shape, qos, anomalyRate,
                username, password, clientId, seed);
        }
    }
}
