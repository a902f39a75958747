package io.tsconnect.mqtt;

import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;

/**
 * One topic filter to subscribe to and its QoS, written in config as {@code filter} (the default QoS) or
 * {@code filter;qos=N}. A shared subscription is written as {@code $share/<group>/<filter>}.
 *
 * @param filter the filter as sent in SUBSCRIBE, possibly {@code $share/<group>/…}
 * @param qos the maximum QoS requested, 0 to 2
 */
public record Subscription(String filter, int qos) {
    private static final String QOS_SUFFIX = ";qos=";
    private static final String SHARE_PREFIX = "$share/";

    /** Validates a list of entries, naming the first bad one. */
    public static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> entries = (List<?>) value;
            if (entries == null || entries.isEmpty()) {
                throw new ConfigException(name, value, "At least one topic filter is required");
            }
            for (Object entry : entries) {
                try {
                    parse(String.valueOf(entry), 1);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, entry, e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "MQTT topic filters with + and # wildcards, each optionally followed by ;qos=0|1|2";
        }
    };

    /**
     * Validates a shared subscription group (the MQTT 5 ShareName, spec 4.8.2): when set, not empty and without
     * {@code /}, {@code +} or {@code #}, which would change the filter the broker reads.
     */
    public static final ConfigDef.Validator SHARE_NAME_VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            String group = value.toString();
            if (group.isBlank()) {
                throw new ConfigException(name, value, "A shared subscription group must not be empty: leave "
                    + name + " unset for plain subscriptions, or name the group");
            }
            for (char c : "/+#".toCharArray()) {
                if (group.indexOf(c) >= 0) {
                    throw new ConfigException(name, value, "'" + c + "' is not allowed in a shared subscription "
                        + "group (MQTT 5, 4.8.2): use any other characters");
                }
            }
        }

        @Override
        public String toString() {
            return "unset, or a non-empty group name without '/', '+' or '#'";
        }
    };

    public Subscription {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + qos + " for '" + filter + "'");
        }
        try {
            MqttTopicFilter.of(filter);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + filter + "' is not a valid MQTT topic filter: " + e.getMessage());
        }
    }

    /** Parses {@code filter} or {@code filter;qos=N}. */
    public static Subscription parse(String entry, int defaultQos) {
        String text = entry.trim();
        int suffix = text.toLowerCase(Locale.ROOT).lastIndexOf(QOS_SUFFIX);
        if (suffix < 0) {
            return new Subscription(text, defaultQos);
        }
        String qos = text.substring(suffix + QOS_SUFFIX.length()).trim();
        if (!qos.matches("[0-2]")) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2 in '" + entry + "'");
        }
        return new Subscription(text.substring(0, suffix).trim(), Integer.parseInt(qos));
    }

    /** The config spelling, which {@link #parse} reads back. */
    public String toEntry() {
        return filter + QOS_SUFFIX + qos;
    }

    /** This subscription shared by the members of {@code group}; an already shared one is kept. */
    public Subscription shared(String group) {
        return filter.startsWith(SHARE_PREFIX) ? this : new Subscription(SHARE_PREFIX + group + "/" + filter, qos);
    }

    /** The HiveMQ filter (a shared filter keeps its {@code $share} form). */
    public MqttTopicFilter topicFilter() {
        return MqttTopicFilter.of(filter);
    }

    /** The QoS as the client's enum. */
    public MqttQos mqttQos() {
        return MqttQos.fromCode(qos);
    }

    /** Whether a message published to {@code topic} matches this filter (ignoring any {@code $share} group). */
    public boolean matches(String topic) {
        return MqttTopicFilter.of(plainFilter()).matches(MqttTopic.of(topic));
    }

    /** The filter without a {@code $share/<group>/} prefix. */
    public String plainFilter() {
        if (!filter.startsWith(SHARE_PREFIX)) {
            return filter;
        }
        int slash = filter.indexOf('/', SHARE_PREFIX.length());
        return slash < 0 ? filter : filter.substring(slash + 1);
    }
}
