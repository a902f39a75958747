package io.tsconnect.mqtt.sink.config;

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
import io.tsconnect.common.mqtt.MqttConnectionConfig;
import io.tsconnect.common.mqtt.MqttCredentials;
import io.tsconnect.common.mqtt.MqttVersion;

/**
 * Configuration of the MQTT sink connector: the broker connection and delivery window, plus the
 * {@link MessageConfig} (how records become messages), {@link TlsConfig} and {@link RetryConfig} fragments.
 */
public class MqttSinkConfig extends AbstractConfig {
    public static final String TLS_PREFIX = "mqtt.tls.";

    public static final String SERVER_URIS_CONFIG = MqttConnectionConfig.SERVER_URIS_CONFIG;
    public static final String VERSION_CONFIG = MqttConnectionConfig.VERSION_CONFIG;

    public static final String VERSION_DOC = "MQTT protocol version: 5 or 3.1.1. Message expiry, content type, "
        + "response topic, correlation data and user properties, and the broker's Receive Maximum, need 5.";

    public static final String CLIENT_ID_PREFIX_DOC = "Prefix of the MQTT client identifiers; task N connects as "
        + "<prefix>-N (stable, for broker ACLs and logs) with a clean session: the task itself publishes again "
        + "what was not acknowledged. Empty: the connector name. Must be unique per broker: a second client with "
        + "the same id disconnects the first.";

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
        MqttConnectionConfig.update(ConfigGroup.of(def, "Connection"), VERSION_DOC, CLIENT_ID_PREFIX_DOC);
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
        return MqttConnectionConfig.servers(this);
    }

    public MqttVersion mqttVersion() {
        return MqttConnectionConfig.version(this);
    }

    /** The configured prefix, or {@code fallback} (the connector name) when empty. */
    public String clientIdPrefix(String fallback) {
        return MqttConnectionConfig.clientIdPrefix(this, fallback);
    }

    public MqttCredentials credentials() {
        return MqttConnectionConfig.credentials(this);
    }

    public Duration keepAlive() {
        return MqttConnectionConfig.keepAlive(this);
    }

    public Duration connectTimeout() {
        return MqttConnectionConfig.connectTimeout(this);
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
