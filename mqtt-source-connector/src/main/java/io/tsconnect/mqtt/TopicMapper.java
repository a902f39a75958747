package io.tsconnect.mqtt;

import java.util.List;

import com.hivemq.client.mqtt.datatypes.MqttTopic;

import io.tsconnect.common.Template;

/**
 * Chooses the Kafka topic of a message: the first route whose filter matches, else the default template; the
 * result is sanitised into a legal Kafka topic name.
 */
public final class TopicMapper {
    private final List<TopicRoute> routes;
    private final TopicTemplate fallback;

    /**
     * @param routes ordered routes, first match wins
     * @param fallback the template for messages no route matches; {@code null} when there is none
     */
    public TopicMapper(List<TopicRoute> routes, TopicTemplate fallback) {
        this.routes = List.copyOf(routes);
        this.fallback = fallback;
    }

    /**
     * @throws UnmappableMessageException when no route matches and there is no default, or a placeholder
     *     names a level the topic does not have
     */
    public String kafkaTopic(String mqttTopic) {
        TopicTemplate template = fallback;
        if (!routes.isEmpty()) {
            MqttTopic topic = MqttTopic.of(mqttTopic);
            for (TopicRoute route : routes) {
                if (route.matches(topic)) {
                    template = route.topic();
                    break;
                }
            }
        }
        if (template == null) {
            throw new UnmappableMessageException("No route in kafka.topic.routes matches MQTT topic '" + mqttTopic
                + "' and kafka.topic is not set");
        }
        try {
            return KafkaTopicNames.sanitise(template.render(mqttTopic));
        } catch (Template.MissingVariableException e) {
            throw new UnmappableMessageException("MQTT topic '" + mqttTopic + "' has too few levels for Kafka topic "
                + "template '" + template + "'");
        } catch (IllegalArgumentException e) {
            throw new UnmappableMessageException(e.getMessage());
        }
    }
}
