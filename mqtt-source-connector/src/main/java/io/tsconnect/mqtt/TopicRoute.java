package io.tsconnect.mqtt;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;

/**
 * One entry of {@code kafka.topic.routes}: {@code <MQTT topic filter>=<Kafka topic template>}, split at the last
 * {@code =} (Kafka topic names cannot contain one).
 *
 * @param filter the MQTT filter messages must match
 * @param topic the Kafka topic template for the messages that match
 */
public record TopicRoute(MqttTopicFilter filter, TopicTemplate topic) {

    /** Validates the list of routes, naming the first bad one. */
    public static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object route : (List<?>) value) {
                try {
                    parse(String.valueOf(route));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, route, e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "entries <MQTT topic filter>=<Kafka topic template>, the template as for kafka.topic";
        }
    };

    /** Parses {@code filter=topic}. */
    public static TopicRoute parse(String entry) {
        int eq = entry.lastIndexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException("Route '" + entry + "' must look like <MQTT filter>=<Kafka topic>");
        }
        String filter = entry.substring(0, eq).trim();
        MqttTopicFilter parsed;
        try {
            parsed = MqttTopicFilter.of(filter);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + filter + "' in route '" + entry + "' is not a valid MQTT topic "
                + "filter: " + e.getMessage());
        }
        return new TopicRoute(parsed, TopicTemplate.parseKafkaTopic(entry.substring(eq + 1).trim()));
    }

    /** Whether a message on {@code topic} takes this route. */
    public boolean matches(MqttTopic topic) {
        return filter.matches(topic);
    }
}
