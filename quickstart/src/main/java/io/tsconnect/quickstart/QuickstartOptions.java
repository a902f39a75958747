package io.tsconnect.quickstart;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The quickstart's command line.
 *
 * @param dataDir where Kafka, QuestDB and the MQTT broker keep their data, and where the services log
 * @param fresh delete what an earlier run left in {@code dataDir} before starting
 * @param connectPort the Connect REST port wanted (taken if free)
 * @param kafkaPort the Kafka client port wanted
 * @param mqttPort the MQTT port wanted
 * @param questdbHttpPort the QuestDB web console / REST port wanted
 * @param questdbPgPort the QuestDB PostgreSQL wire port wanted
 * @param rate simulator messages per second
 * @param redisUrl a Redis 8 / Redis Stack to write time series to, or null to skip the Redis sink
 * @param duration stop by itself after this long (zero: run until Ctrl-C)
 */
record QuickstartOptions(Path dataDir, boolean fresh, int connectPort, int kafkaPort, int mqttPort,
                         int questdbHttpPort, int questdbPgPort, double rate, URI redisUrl, Duration duration) {
    static final String USAGE = String.join("\n",
        "Usage: java -jar quickstart/target/tsconnect-quickstart.jar [options]",
        "  --data-dir DIR        data of Kafka, QuestDB and the MQTT broker, and their log (default",
        "                        ./quickstart-data); a second run on it resumes where the first stopped",
        "  --fresh               start from empty: delete what an earlier run left in the data directory",
        "  --redis-url URL       redis://[user:password@]host:port[/db] of a Redis 8 / Redis Stack; without it the",
        "                        RedisTimeSeries sink is skipped",
        "  --rate N              simulator messages per second (default 50)",
        "  --connect-port P      Connect REST port (default 8083; another free port if taken; 0: any free port)",
        "  --kafka-port P        Kafka bootstrap port (default 9092)",
        "  --mqtt-port P         MQTT port (default 1883)",
        "  --questdb-port P      QuestDB web console and REST port (default 9000)",
        "  --questdb-pg-port P   QuestDB PostgreSQL wire port (default 8812)",
        "  --duration SECONDS    stop by itself after this long (default: run until Ctrl-C)",
        "GITHUB_TOKEN set: the GitHub events source reads the real API; unset: a bundled recorded sample.");

    static QuickstartOptions parse(String[] args) {
        Path dataDir = Path.of("quickstart-data");
        boolean fresh = false;
        int connect = 8083;
        int kafka = 9092;
        int mqtt = 1883;
        int http = 9000;
        int pg = 8812;
        double rate = 50;
        URI redis = null;
        Duration duration = Duration.ZERO;
        for (int i = 0; i < args.length; i++) {
            if ("--fresh".equals(args[i])) {
                fresh = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + args[i]);
            }
            String option = args[i];
            String v = args[++i];
            switch (option) {
                case "--data-dir" -> dataDir = Path.of(v);
                case "--redis-url" -> redis = URI.create(v);
                case "--rate" -> rate = number(option, v, Double::parseDouble);
                case "--connect-port" -> connect = number(option, v, Integer::parseInt);
                case "--kafka-port" -> kafka = number(option, v, Integer::parseInt);
                case "--mqtt-port" -> mqtt = number(option, v, Integer::parseInt);
                case "--questdb-port" -> http = number(option, v, Integer::parseInt);
                case "--questdb-pg-port" -> pg = number(option, v, Integer::parseInt);
                case "--duration" -> duration = Duration.ofSeconds(number(option, v, Long::parseLong));
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        return new QuickstartOptions(dataDir.toAbsolutePath().normalize(), fresh, connect, kafka, mqtt, http, pg,
            rate, redis, duration);
    }

    /** The number {@code option} was given, or an error naming the option. */
    private static <T> T number(String option, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number" + ("--duration".equals(option)
                ? " of seconds" : "") + ", not '" + value + "'");
        }
    }
}
