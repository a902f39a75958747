package io.tsconnect.redis.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.config.TlsConfig;

/**
 * Config fragment for the connection to Redis: addresses, deployment, credentials, database, TLS, timeouts and
 * pool size.
 *
 * @param hosts {@code host:port} of the server, or seed nodes of a cluster
 * @param mode standalone or cluster
 * @param user the ACL user; {@code null} for the default user
 * @param password the password; {@code null} when the server needs none
 * @param database the logical database (standalone only)
 * @param tlsEnabled whether to connect with TLS
 * @param tls trust and client key for TLS
 * @param connectTimeout how long a connection attempt may take
 * @param socketTimeout how long a reply may take
 * @param poolSize connections per node
 */
public record RedisConnectionConfig(List<HostPort> hosts, DeploymentMode mode, String user, Password password,
                                    int database, boolean tlsEnabled, TlsConfig tls, Duration connectTimeout,
                                    Duration socketTimeout, int poolSize) {
    public static final String GROUP = "Redis connection";
    public static final String TLS_PREFIX = "redis.tls.";

    public static final String HOSTS_CONFIG = "redis.hosts";
    public static final String HOSTS_DOC = "Comma-separated host:port of the Redis server, or of some nodes of a "
        + "Redis Cluster (the rest are discovered).";
    public static final String HOSTS_DISPLAY = "Redis hosts";

    public static final String MODE_CONFIG = "redis.mode";
    public static final String MODE_DOC = "standalone: one server, a replica set's primary or a proxy. cluster: a "
        + "Redis Cluster; TS.MADD calls are grouped by hash slot because a cluster refuses cross-slot commands.";
    public static final String MODE_DEFAULT = "standalone";
    public static final String MODE_DISPLAY = "Deployment";

    public static final String USER_CONFIG = "redis.user";
    public static final String USER_DOC = "ACL user name. Empty: the default user (password-only AUTH).";
    public static final String USER_DISPLAY = "User";

    public static final String PASSWORD_CONFIG = "redis.password";
    public static final String PASSWORD_DOC = "Password of the ACL user or requirepass. Use a ConfigProvider, "
        + "e.g. ${env:REDIS_PASSWORD}. Empty: no AUTH.";
    public static final String PASSWORD_DISPLAY = "Password";

    public static final String DATABASE_CONFIG = "redis.database";
    public static final String DATABASE_DOC = "Logical database selected after connecting (standalone only; a "
        + "cluster has database 0 only).";
    public static final int DATABASE_DEFAULT = 0;
    public static final String DATABASE_DISPLAY = "Database";

    public static final String TLS_ENABLED_CONFIG = "redis.tls.enabled";
    public static final String TLS_ENABLED_DOC = "Connect with TLS. Trust and, for mutual TLS, the client key "
        + "come from the redis.tls.* keys; without a truststore the JVM's default CAs are trusted.";
    public static final String TLS_ENABLED_DISPLAY = "TLS";

    public static final String CONNECT_TIMEOUT_CONFIG = "redis.connect.timeout.ms";
    public static final String CONNECT_TIMEOUT_DOC = "How long opening a connection may take.";
    public static final int CONNECT_TIMEOUT_DEFAULT = 5_000;
    public static final String CONNECT_TIMEOUT_DISPLAY = "Connect timeout (ms)";

    public static final String SOCKET_TIMEOUT_CONFIG = "redis.socket.timeout.ms";
    public static final String SOCKET_TIMEOUT_DOC = "How long a reply may take before the connection counts as "
        + "lost and the batch is retried.";
    public static final int SOCKET_TIMEOUT_DEFAULT = 10_000;
    public static final String SOCKET_TIMEOUT_DISPLAY = "Socket timeout (ms)";

    public static final String POOL_SIZE_CONFIG = "redis.pool.size";
    public static final String POOL_SIZE_DOC = "Connections per Redis node kept by each task.";
    public static final int POOL_SIZE_DEFAULT = 2;
    public static final String POOL_SIZE_DISPLAY = "Pool size";

    /** Adds the connection keys and the TLS keys to {@code def}. */
    public static ConfigDef update(ConfigDef def) {
        ConfigGroup.of(def, GROUP)
            .define(HOSTS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, HostPort.VALIDATOR, Importance.HIGH,
                HOSTS_DOC, Width.LONG, HOSTS_DISPLAY)
            .define(MODE_CONFIG, Type.STRING, MODE_DEFAULT, DeploymentMode.VALIDATOR, Importance.HIGH, MODE_DOC,
                Width.SHORT, MODE_DISPLAY, DeploymentMode.RECOMMENDER)
            .define(USER_CONFIG, Type.STRING, null, Importance.MEDIUM, USER_DOC, Width.MEDIUM, USER_DISPLAY)
            .define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, PASSWORD_DOC, Width.MEDIUM,
                PASSWORD_DISPLAY)
            .define(DATABASE_CONFIG, Type.INT, DATABASE_DEFAULT, Range.atLeast(0), Importance.LOW, DATABASE_DOC,
                Width.SHORT, DATABASE_DISPLAY)
            .define(TLS_ENABLED_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, TLS_ENABLED_DOC, Width.SHORT,
                TLS_ENABLED_DISPLAY)
            .define(CONNECT_TIMEOUT_CONFIG, Type.INT, CONNECT_TIMEOUT_DEFAULT, Range.atLeast(1), Importance.LOW,
                CONNECT_TIMEOUT_DOC, Width.SHORT, CONNECT_TIMEOUT_DISPLAY)
            .define(SOCKET_TIMEOUT_CONFIG, Type.INT, SOCKET_TIMEOUT_DEFAULT, Range.atLeast(1), Importance.LOW,
                SOCKET_TIMEOUT_DOC, Width.SHORT, SOCKET_TIMEOUT_DISPLAY)
            .define(POOL_SIZE_CONFIG, Type.INT, POOL_SIZE_DEFAULT, Range.between(1, 64), Importance.LOW,
                POOL_SIZE_DOC, Width.SHORT, POOL_SIZE_DISPLAY);
        return TlsConfig.update(def, TLS_PREFIX, "Redis TLS");
    }

    /** Reads the fragment. */
    public static RedisConnectionConfig from(AbstractConfig config) {
        String user = config.getString(USER_CONFIG);
        return new RedisConnectionConfig(HostPort.parseAll(config.getList(HOSTS_CONFIG)),
            DeploymentMode.parse(MODE_CONFIG, config.getString(MODE_CONFIG)),
            user == null || user.isBlank() ? null : user.trim(), config.getPassword(PASSWORD_CONFIG),
            config.getInt(DATABASE_CONFIG), config.getBoolean(TLS_ENABLED_CONFIG), TlsConfig.from(config, TLS_PREFIX),
            Duration.ofMillis(config.getInt(CONNECT_TIMEOUT_CONFIG)),
            Duration.ofMillis(config.getInt(SOCKET_TIMEOUT_CONFIG)), config.getInt(POOL_SIZE_CONFIG));
    }

    /** Cross-field checks, attached to the key concerned. */
    public static void validate(Map<String, ConfigValue> values) {
        ConfigValue mode = values.get(MODE_CONFIG);
        ConfigValue database = values.get(DATABASE_CONFIG);
        if (mode != null && database != null && "cluster".equalsIgnoreCase(String.valueOf(mode.value()))
            && database.value() instanceof Integer db && db != 0) {
            database.addErrorMessage(DATABASE_CONFIG + " must be 0 with " + MODE_CONFIG + "=cluster: a Redis "
                + "Cluster has database 0 only");
        }
        ConfigValue user = values.get(USER_CONFIG);
        ConfigValue password = values.get(PASSWORD_CONFIG);
        if (user != null && password != null && user.value() instanceof String u && !u.isBlank()
            && password.value() == null) {
            password.addErrorMessage(PASSWORD_CONFIG + " is required when " + USER_CONFIG + " is set");
        }
        TlsConfig.validate(values, TLS_PREFIX);
    }

    /**
     * A {@code host:port} pair.
     *
     * @param host the host name or address
     * @param port the TCP port
     */
    public record HostPort(String host, int port) {
        /** Accepts a non-empty list of {@code host:port}. */
        public static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                List<?> list = (List<?>) value;
                if (list == null || list.isEmpty()) {
                    throw new org.apache.kafka.common.config.ConfigException(name, value,
                        "At least one host:port is required");
                }
                list.forEach(v -> parse(name, String.valueOf(v)));
            }

            @Override
            public String toString() {
                return "non-empty list of host:port";
            }
        };

        static List<HostPort> parseAll(List<String> values) {
            return values.stream().map(v -> parse(HOSTS_CONFIG, v)).toList();
        }

        static HostPort parse(String key, String value) {
            String v = value.trim();
            int colon = v.lastIndexOf(':');
            try {
                int port = Integer.parseInt(v.substring(colon + 1));
                if (colon <= 0 || port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(v.substring(0, colon).replace("[", "").replace("]", ""), port);
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new org.apache.kafka.common.config.ConfigException(key, value, "Expected host:port");
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
