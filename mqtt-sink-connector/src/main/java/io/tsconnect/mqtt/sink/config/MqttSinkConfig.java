package io.tsconnect.mqtt.sink.config;

import java.nio.charset.StandardCharsets;
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

import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.config.ConfigValues;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.config.TlsConfig;
import io.tsconnect.common.mqtt.BrokerAddress;
import io.tsconnect.common.mqtt.MqttCredentials;
import io.tsconnect.common.mqtt.MqttVersion;

/**
 * Configuration of the MQTT sink connector: the broker connection and delivery window, plus the
 * {@link MessageConfig} (how records become messages), {@link TlsConfig} and {@link RetryConfig} fragments.
 */
public class MqttSinkConfig extends AbstractConfig {
    public static final String TLS_PREFIX = "mqtt.tls.";

    public static final String SERVER_URIS_CONFIG = "mqtt.server.uris";
    public static final String SERVER_URIS_DOC = "Broker URIs: tcp://host:1883, ssl://host:8883, ws://host:80/mqtt or "
        + "wss://host:443/mqtt. With several, a task connects to the first and fails over to the next on "
        + "reconnect. A ws/wss URI's path is the WebSocket endpoint (most brokers serve MQTT on /mqtt).";
    public static final String SERVER_URIS_DISPLAY = "Broker URIs";

    public static final String VERSION_CONFIG = "mqtt.version";
    public static final String VERSION_DOC = "MQTT protocol version: 5 or 3.1.1. Message expiry, content type, "
        + "response topic, correlation data and user properties, and the broker's Receive Maximum, need 5.";
    public static final String VERSION_DEFAULT = "5";
    public static final String VERSION_DISPLAY = "MQTT version";

    public static final String CLIENT_ID_PREFIX_CONFIG = "mqtt.client.id.prefix";
    public static final String CLIENT_ID_PREFIX_DOC = "Prefix of the MQTT client identifiers; task N connects as "
        + "<prefix>-N (stable, for broker ACLs and logs). Empty: the connector name. Must be unique per broker: "
        + "a second client with the same id disconnects the first.";
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
        + "exchange may take before the attempt counts as failed and is retried with backoff.";
    public static final int CONNECT_TIMEOUT_DEFAULT = 10_000;
    public static final String CONNECT_TIMEOUT_DISPLAY = "Connect timeout (ms)";

    public static final String MAX_IN_FLIGHT_CONFIG = "mqtt.max.in.flight";
    public static final String MAX_IN_FLIGHT_DOC = "The most messages a task has published and not yet seen "
        + "acknowledged. With MQTT 5 the broker's Receive Maximum lowers it (HiveMQ CE: 10, mosquitto: 20 by "
        + "default). Throughput at QoS 1/2 is about this window divided by the broker's acknowledgement latency.";
    public static final int MAX_IN_FLIGHT_DEFAULT = 1000;
    public static final String MAX_IN_FLIGHT_DISPLAY = "Max in-flight messages";

    public static final String ACK_TIMEOUT_CONFIG = "mqtt.ack.timeout.ms";
    public static final String ACK_TIMEOUT_DOC = "How long a published message may wait for its acknowledgement. "
        + "Longer, and the connection is taken as broken: it is closed, and every unacknowledged message is "
        + "published again, in order, on the next connection.";
    public static final int ACK_TIMEOUT_DEFAULT = 30_000;
    public static final String ACK_TIMEOUT_DISPLAY = "Acknowledgement timeout (ms)";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final MessageConfig messages;

    public MqttSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.messages = MessageConfig.from(this);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConfigGroup.of(def, "Connection")
            .defineRequired(SERVER_URIS_CONFIG, Type.LIST, BrokerAddress.VALIDATOR, Importance.HIGH, SERVER_URIS_DOC,
                Width.LONG, SERVER_URIS_DISPLAY)
            .define(VERSION_CONFIG, Type.STRING, VERSION_DEFAULT, MqttVersion.VALIDATOR, Importance.MEDIUM,
                VERSION_DOC, Width.SHORT, VERSION_DISPLAY, MqttVersion.RECOMMENDER)
            .define(CLIENT_ID_PREFIX_CONFIG, Type.STRING, "", Importance.MEDIUM, CLIENT_ID_PREFIX_DOC,
                Width.MEDIUM, CLIENT_ID_PREFIX_DISPLAY)
            .define(USERNAME_CONFIG, Type.STRING, null, Importance.MEDIUM, USERNAME_DOC, Width.MEDIUM,
                USERNAME_DISPLAY)
            .define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, PASSWORD_DOC, Width.MEDIUM,
                PASSWORD_DISPLAY)
            .define(KEEP_ALIVE_CONFIG, Type.INT, KEEP_ALIVE_DEFAULT, Range.between(0, 65_535), Importance.LOW,
                KEEP_ALIVE_DOC, Width.SHORT, KEEP_ALIVE_DISPLAY)
            .define(CONNECT_TIMEOUT_CONFIG, Type.INT, CONNECT_TIMEOUT_DEFAULT, Range.between(100, 600_000),
                Importance.LOW, CONNECT_TIMEOUT_DOC, Width.SHORT, CONNECT_TIMEOUT_DISPLAY);
        TlsConfig.update(def, TLS_PREFIX, "TLS");
        MessageConfig.update(def);
        ConfigGroup.of(def, "Delivery")
            .define(MAX_IN_FLIGHT_CONFIG, Type.INT, MAX_IN_FLIGHT_DEFAULT, Range.between(1, 65_535), Importance.LOW,
                MAX_IN_FLIGHT_DOC, Width.SHORT, MAX_IN_FLIGHT_DISPLAY)
            .define(ACK_TIMEOUT_CONFIG, Type.INT, ACK_TIMEOUT_DEFAULT, Range.between(100, 3_600_000), Importance.LOW,
                ACK_TIMEOUT_DOC, Width.SHORT, ACK_TIMEOUT_DISPLAY);
        RetryConfig.update(def, "Retries");
        return def;
    }

    /** Attaches the cross-field errors of every fragment to {@code values}; never throws. */
    public static void validate(Map<String, ConfigValue> values) {
        MessageConfig.validate(values, !ConfigValues.clean(values, VERSION_CONFIG)
            || MqttVersion.parse(VERSION_CONFIG, (String) values.get(VERSION_CONFIG).value()) == MqttVersion.V5);
        RetryConfig.validate(values);
        TlsConfig.validate(values, TLS_PREFIX);
        Object uris = values.get(SERVER_URIS_CONFIG).value();
        Object keystore = values.get(TLS_PREFIX + TlsConfig.KEYSTORE_PATH).value();
        if (uris instanceof List<?> list && keystore instanceof String path && !path.isBlank()
            && list.stream().noneMatch(u -> String.valueOf(u).matches("(?i)\\s*(ssl|wss|mqtts)://.*"))) {
            ConfigValues.addError(values, TLS_PREFIX + TlsConfig.KEYSTORE_PATH,
                "A client keystore needs an ssl:// or wss:// broker URI");
        }
    }

    public List<BrokerAddress> servers() {
        return getList(SERVER_URIS_CONFIG).stream().map(BrokerAddress::parse).toList();
    }

    public MqttVersion mqttVersion() {
        return MqttVersion.parse(VERSION_CONFIG, getString(VERSION_CONFIG));
    }

    /** The configured prefix, or {@code fallback} (the connector name) when empty. */
    public String clientIdPrefix(String fallback) {
        String prefix = getString(CLIENT_ID_PREFIX_CONFIG);
        return prefix == null || prefix.isBlank() ? fallback : prefix.trim();
    }

    public MqttCredentials credentials() {
        String user = getString(USERNAME_CONFIG);
        var password = getPassword(PASSWORD_CONFIG);
        return new MqttCredentials(user == null || user.isEmpty() ? null : user,
            password == null ? null : password.value().getBytes(StandardCharsets.UTF_8));
    }

    public Duration keepAlive() {
        return Duration.ofSeconds(getInt(KEEP_ALIVE_CONFIG));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(CONNECT_TIMEOUT_CONFIG));
    }

    public int maxInFlight() {
        return getInt(MAX_IN_FLIGHT_CONFIG);
    }

    public Duration ackTimeout() {
        return Duration.ofMillis(getInt(ACK_TIMEOUT_CONFIG));
    }

    public TlsConfig tls() {
        return TlsConfig.from(this, TLS_PREFIX);
    }

    public RetryConfig retry() {
        return RetryConfig.from(this);
    }

    public MessageConfig messages() {
        return messages;
    }
}
