package io.tsconnect.common.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

import io.tsconnect.common.config.ConfigGroup;

/**
 * Config fragment for the broker connection of the MQTT source and sink: broker URIs, protocol version, client id
 * prefix, credentials, keep-alive and connect timeout, with typed getters. The version and client id docs are the
 * connector's own (what the version enables and what a stable id is for differ between source and sink).
 */
public final class MqttConnectionConfig {
    public static final String SERVER_URIS_CONFIG = "mqtt.server.uris";
    public static final String SERVER_URIS_DOC = "Broker URIs: tcp://host:1883, ssl://host:8883, ws://host:80/mqtt or "
        + "wss://host:443/mqtt. With several, a task connects to the first and fails over to the next on reconnect. "
        + "A ws/wss URI's path is the WebSocket endpoint: without one the connector asks for /, while most brokers "
        + "serve MQTT on /mqtt; a query or fragment is refused.";
    public static final String SERVER_URIS_DISPLAY = "Broker URIs";

    public static final String VERSION_CONFIG = "mqtt.version";
    public static final String VERSION_DEFAULT = "5";
    public static final String VERSION_DISPLAY = "MQTT version";

    public static final String CLIENT_ID_PREFIX_CONFIG = "mqtt.client.id.prefix";
    public static final String CLIENT_ID_PREFIX_DISPLAY = "Client id prefix";

    public static final String USERNAME_CONFIG = "mqtt.username";
    public static final String USERNAME_DOC = "User name sent in CONNECT. Empty: none.";
    public static final String USERNAME_DISPLAY = "User name";

    public static final String PASSWORD_CONFIG = "mqtt.password";
    public static final String PASSWORD_DOC = "Password sent in CONNECT; use ${env:…} or ${file:…} config providers.";
    public static final String PASSWORD_DISPLAY = "Password";

    public static final String KEEP_ALIVE_CONFIG = "mqtt.keep.alive.seconds";
    public static final String KEEP_ALIVE_DOC = "MQTT keep-alive: a silent connection is checked with a PING after "
        + "this many seconds, and considered lost when unanswered. 0 turns keep-alive off.";
    public static final int KEEP_ALIVE_DEFAULT = 60;
    public static final String KEEP_ALIVE_DISPLAY = "Keep-alive (s)";

    public static final String CONNECT_TIMEOUT_CONFIG = "mqtt.connect.timeout.ms";
    public static final String CONNECT_TIMEOUT_DOC = "How long a TCP/TLS connect and the MQTT CONNECT/CONNACK "
        + "exchange may take before the attempt counts as failed and is retried.";
    public static final int CONNECT_TIMEOUT_DEFAULT = 10_000;
    public static final String CONNECT_TIMEOUT_DISPLAY = "Connect timeout (ms)";

    private MqttConnectionConfig() {
    }

    /**
     * Defines the connection keys as the first keys of {@code group}, which the caller may go on filling.
     *
     * @param versionDoc the doc of {@link #VERSION_CONFIG}
     * @param clientIdDoc the doc of {@link #CLIENT_ID_PREFIX_CONFIG}
     */
    public static ConfigGroup update(ConfigGroup group, String versionDoc, String clientIdDoc) {
        return group
            .defineRequired(SERVER_URIS_CONFIG, Type.LIST, BrokerAddress.VALIDATOR, Importance.HIGH, SERVER_URIS_DOC,
                Width.LONG, SERVER_URIS_DISPLAY)
            .define(VERSION_CONFIG, Type.STRING, VERSION_DEFAULT, MqttVersion.VALIDATOR, Importance.MEDIUM,
                versionDoc, Width.SHORT, VERSION_DISPLAY, MqttVersion.RECOMMENDER)
            .define(CLIENT_ID_PREFIX_CONFIG, Type.STRING, "", Importance.MEDIUM, clientIdDoc, Width.MEDIUM,
                CLIENT_ID_PREFIX_DISPLAY)
            .define(USERNAME_CONFIG, Type.STRING, null, Importance.MEDIUM, USERNAME_DOC, Width.MEDIUM,
                USERNAME_DISPLAY)
            .define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, PASSWORD_DOC, Width.MEDIUM,
                PASSWORD_DISPLAY)
            .define(KEEP_ALIVE_CONFIG, Type.INT, KEEP_ALIVE_DEFAULT, Range.between(0, 65_535), Importance.LOW,
                KEEP_ALIVE_DOC, Width.SHORT, KEEP_ALIVE_DISPLAY)
            .define(CONNECT_TIMEOUT_CONFIG, Type.INT, CONNECT_TIMEOUT_DEFAULT, Range.between(100, 600_000),
                Importance.LOW, CONNECT_TIMEOUT_DOC, Width.SHORT, CONNECT_TIMEOUT_DISPLAY);
    }

    public static List<BrokerAddress> servers(AbstractConfig config) {
        return config.getList(SERVER_URIS_CONFIG).stream().map(BrokerAddress::parse).toList();
    }

    public static MqttVersion version(AbstractConfig config) {
        return MqttVersion.parse(VERSION_CONFIG, config.getString(VERSION_CONFIG));
    }

    /** The configured prefix, or {@code fallback} (the connector name) when empty. */
    public static String clientIdPrefix(AbstractConfig config, String fallback) {
        String prefix = config.getString(CLIENT_ID_PREFIX_CONFIG);
        return prefix == null || prefix.isBlank() ? fallback : prefix.trim();
    }

    /** The user name, or {@code null} when empty. */
    public static String username(AbstractConfig config) {
        String user = config.getString(USERNAME_CONFIG);
        return user == null || user.isEmpty() ? null : user;
    }

    public static MqttCredentials credentials(AbstractConfig config) {
        Password password = config.getPassword(PASSWORD_CONFIG);
        return new MqttCredentials(username(config),
            password == null ? null : password.value().getBytes(StandardCharsets.UTF_8));
    }

    public static Duration keepAlive(AbstractConfig config) {
        return Duration.ofSeconds(config.getInt(KEEP_ALIVE_CONFIG));
    }

    public static Duration connectTimeout(AbstractConfig config) {
        return Duration.ofMillis(config.getInt(CONNECT_TIMEOUT_CONFIG));
    }
}
