package io.tsconnect.mqtt.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.config.TlsConfig;
import io.tsconnect.common.mqtt.BrokerAddress;
import io.tsconnect.common.mqtt.MqttConnectionConfig;
import io.tsconnect.common.mqtt.MqttVersion;
import io.tsconnect.mqtt.Subscription;

/**
 * Configuration of the MQTT source connector: the broker connection, the subscriptions and delivery limits, plus
 * the {@link RecordConfig} (how messages become records), {@link TlsConfig} and {@link RetryConfig} fragments.
 */
public class MqttSourceConfig extends AbstractConfig {
    public static final String TLS_PREFIX = "mqtt.tls.";

    public static final String SERVER_URIS_CONFIG = MqttConnectionConfig.SERVER_URIS_CONFIG;
    public static final String PASSWORD_CONFIG = MqttConnectionConfig.PASSWORD_CONFIG;

    public static final String VERSION_DOC = "MQTT protocol version: 5 or 3.1.1. User properties, content type, "
        + "response topic and correlation data headers need 5.";

    public static final String CLIENT_ID_PREFIX_DOC = "Prefix of the MQTT client identifiers; task N connects as "
        + "<prefix>-N. Identifiers are stable across restarts so that each task resumes its persistent session and "
        + "receives what the broker kept for it. Empty: the connector name. Must be unique per broker.";

    public static final String CLEAN_START_CONFIG = "mqtt.clean.start";
    public static final String CLEAN_START_DOC = "Start a new session on every connect. Keep false: the persistent "
        + "session is what makes the broker redeliver unacknowledged QoS 1/2 messages after a restart.";
    public static final String CLEAN_START_DISPLAY = "Clean start";

    public static final String SESSION_EXPIRY_CONFIG = "mqtt.session.expiry.seconds";
    public static final String SESSION_EXPIRY_DOC = "MQTT 5 session expiry: how long the broker keeps a task's "
        + "session (subscriptions and queued messages) while the task is disconnected. Messages published during an "
        + "outage longer than this are lost. MQTT 3.1.1 sessions last until the broker's own limit.";
    public static final long SESSION_EXPIRY_DEFAULT = 7 * 24 * 3600L;
    public static final String SESSION_EXPIRY_DISPLAY = "Session expiry (s)";

    public static final String RECEIVE_MAXIMUM_CONFIG = "mqtt.receive.maximum";
    public static final String RECEIVE_MAXIMUM_DOC = "MQTT 5 Receive Maximum: how many QoS 1/2 messages the broker "
        + "may have unacknowledged towards a task. 0 sends none (the protocol default of 65535) and lets the "
        + "broker's own in-flight limit apply, which mosquitto needs: it stalls or disconnects clients that send a "
        + "small explicit value and acknowledge in bursts.";
    public static final int RECEIVE_MAXIMUM_DEFAULT = 0;
    public static final String RECEIVE_MAXIMUM_DISPLAY = "Receive maximum";

    public static final String VALIDATE_CONNECTION_CONFIG = "mqtt.validate.connection";
    public static final String VALIDATE_CONNECTION_DOC = "Whether validating the config also connects to the broker "
        + "(with a throw-away clean session) to report an unreachable broker or rejected credentials.";
    public static final String VALIDATE_CONNECTION_DISPLAY = "Check connection on validate";

    public static final String TOPIC_FILTERS_CONFIG = "mqtt.topic.filters";
    public static final String TOPIC_FILTERS_DOC = "MQTT topic filters to subscribe to, with + and # wildcards, each "
        + "optionally followed by ;qos=N to override mqtt.qos (e.g. devices/+/+/temp,alerts/#;qos=2). Without a "
        + "shared group, the filters are split over the tasks.";
    public static final String TOPIC_FILTERS_DISPLAY = "Topic filters";

    public static final String QOS_CONFIG = "mqtt.qos";
    public static final String QOS_DOC = "QoS requested for filters that do not name one. 1 and 2 are at-least-once "
        + "end to end (acknowledged to the broker only after Kafka has the record); 0 is at-most-once.";
    public static final int QOS_DEFAULT = 1;
    public static final String QOS_DISPLAY = "Default QoS";

    public static final String SHARED_GROUP_CONFIG = "mqtt.shared.subscription.group";
    public static final String SHARED_GROUP_DOC = "When set, every task subscribes to every filter as "
        + "$share/<group>/<filter>, so the broker spreads messages over tasks.max tasks (on any workers) and "
        + "delivers each to one of them. The way to scale one busy filter.";
    public static final String SHARED_GROUP_DISPLAY = "Shared subscription group";

    public static final String QUEUE_CAPACITY_CONFIG = "queue.capacity";
    public static final String QUEUE_CAPACITY_DOC = "How many received messages a task holds unacknowledged: waiting "
        + "for poll() or on their way to Kafka. When that many are held the client takes no more and the broker keeps "
        + "further QoS 1/2 messages back. Keep it at least the broker's in-flight window (MQTT 5 brokers send up to "
        + "65,535 unacknowledged messages when no Receive Maximum is set): below it the client re-scans its held "
        + "messages for every arriving one and throughput drops. Memory is bounded by the smaller of the two times "
        + "the message size.";
    public static final int QUEUE_CAPACITY_DEFAULT = 65_535;
    public static final String QUEUE_CAPACITY_DISPLAY = "Queue capacity";

    public static final String POLL_MAX_RECORDS_CONFIG = "poll.max.records";
    public static final String POLL_MAX_RECORDS_DOC = "The most records one poll() returns.";
    public static final int POLL_MAX_RECORDS_DEFAULT = 1000;
    public static final String POLL_MAX_RECORDS_DISPLAY = "Max records per poll";

    public static final String POLL_TIMEOUT_CONFIG = "poll.timeout.ms";
    public static final String POLL_TIMEOUT_DOC = "How long poll() waits for a first message before returning empty.";
    public static final int POLL_TIMEOUT_DEFAULT = 500;
    public static final String POLL_TIMEOUT_DISPLAY = "Poll timeout (ms)";

    public static final ConfigDef CONFIG_DEF = configDef();

    public MqttSourceConfig(Map<String, String> props) {
        this(CONFIG_DEF, props);
    }

    protected MqttSourceConfig(ConfigDef def, Map<String, String> props) {
        super(def, props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        MqttConnectionConfig.update(ConfigGroup.of(def, "Connection"), VERSION_DOC, CLIENT_ID_PREFIX_DOC)
            .define(CLEAN_START_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, CLEAN_START_DOC, Width.SHORT,
                CLEAN_START_DISPLAY)
            .define(SESSION_EXPIRY_CONFIG, Type.LONG, SESSION_EXPIRY_DEFAULT, Range.between(0, 4_294_967_295L),
                Importance.MEDIUM, SESSION_EXPIRY_DOC, Width.SHORT, SESSION_EXPIRY_DISPLAY)
            .define(RECEIVE_MAXIMUM_CONFIG, Type.INT, RECEIVE_MAXIMUM_DEFAULT, Range.between(0, 65_535),
                Importance.LOW, RECEIVE_MAXIMUM_DOC, Width.SHORT, RECEIVE_MAXIMUM_DISPLAY)
            .define(VALIDATE_CONNECTION_CONFIG, Type.BOOLEAN, true, Importance.LOW, VALIDATE_CONNECTION_DOC,
                Width.SHORT, VALIDATE_CONNECTION_DISPLAY);
        TlsConfig.update(def, TLS_PREFIX, "TLS");
        RetryConfig.update(def, "Reconnect");
        ConfigGroup.of(def, "Subscriptions")
            .defineRequired(TOPIC_FILTERS_CONFIG, Type.LIST, Subscription.VALIDATOR, Importance.HIGH,
                TOPIC_FILTERS_DOC, Width.LONG, TOPIC_FILTERS_DISPLAY)
            .define(QOS_CONFIG, Type.INT, QOS_DEFAULT, Range.between(0, 2), Importance.HIGH, QOS_DOC, Width.SHORT,
                QOS_DISPLAY)
            .define(SHARED_GROUP_CONFIG, Type.STRING, null, Subscription.SHARE_NAME_VALIDATOR, Importance.MEDIUM,
                SHARED_GROUP_DOC, Width.MEDIUM, SHARED_GROUP_DISPLAY);
        RecordConfig.update(def);
        SparkplugConfig.update(def);
        ConfigGroup.of(def, "Delivery")
            .define(QUEUE_CAPACITY_CONFIG, Type.INT, QUEUE_CAPACITY_DEFAULT, Range.between(1, 1_000_000),
                Importance.LOW, QUEUE_CAPACITY_DOC, Width.SHORT, QUEUE_CAPACITY_DISPLAY)
            .define(POLL_MAX_RECORDS_CONFIG, Type.INT, POLL_MAX_RECORDS_DEFAULT, Range.between(1, 100_000),
                Importance.LOW, POLL_MAX_RECORDS_DOC, Width.SHORT, POLL_MAX_RECORDS_DISPLAY)
            .define(POLL_TIMEOUT_CONFIG, Type.INT, POLL_TIMEOUT_DEFAULT, Range.between(1, 1_000), Importance.LOW,
                POLL_TIMEOUT_DOC, Width.SHORT, POLL_TIMEOUT_DISPLAY);
        return def;
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

    public String username() {
        return MqttConnectionConfig.username(this);
    }

    public Password password() {
        return getPassword(PASSWORD_CONFIG);
    }

    public Duration keepAlive() {
        return MqttConnectionConfig.keepAlive(this);
    }

    public Duration connectTimeout() {
        return MqttConnectionConfig.connectTimeout(this);
    }

    public boolean cleanStart() {
        return getBoolean(CLEAN_START_CONFIG);
    }

    public long sessionExpirySeconds() {
        return getLong(SESSION_EXPIRY_CONFIG);
    }

    /** The receive maximum to send, or 0 to send none. */
    public int receiveMaximum() {
        return getInt(RECEIVE_MAXIMUM_CONFIG);
    }

    public boolean validateConnection() {
        return getBoolean(VALIDATE_CONNECTION_CONFIG);
    }

    public TlsConfig tls() {
        return TlsConfig.from(this, TLS_PREFIX);
    }

    public RetryConfig retry() {
        return RetryConfig.from(this);
    }

    /** All configured subscriptions (not yet shared or split over tasks). */
    public List<Subscription> subscriptions() {
        int qos = getInt(QOS_CONFIG);
        return getList(TOPIC_FILTERS_CONFIG).stream().map(e -> Subscription.parse(e, qos)).toList();
    }

    /** The shared subscription group, or {@code null}. */
    public String sharedGroup() {
        String group = getString(SHARED_GROUP_CONFIG);
        return group == null || group.isBlank() ? null : group.trim();
    }

    public RecordConfig records() {
        return RecordConfig.from(this);
    }

    public SparkplugConfig sparkplug() {
        return SparkplugConfig.from(this);
    }

    public int queueCapacity() {
        return getInt(QUEUE_CAPACITY_CONFIG);
    }

    public int pollMaxRecords() {
        return getInt(POLL_MAX_RECORDS_CONFIG);
    }

    public Duration pollTimeout() {
        return Duration.ofMillis(getInt(POLL_TIMEOUT_CONFIG));
    }
}
