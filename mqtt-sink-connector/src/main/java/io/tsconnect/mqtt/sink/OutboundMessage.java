package io.tsconnect.mqtt.sink;

import java.util.List;
import java.util.Map;

/**
 * One MQTT message made from a record, independent of the protocol version.
 *
 * @param topic the topic, already checked by {@link MqttTopics}
 * @param payload the payload bytes (empty to clear a retained message)
 * @param qos 0, 1 or 2
 * @param retain the retain flag
 * @param properties the MQTT 5 properties, or {@link Mqtt5Properties#NONE}
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retain, Mqtt5Properties properties) {

    /**
     * MQTT 5 publish properties.
     *
     * @param messageExpirySeconds the message expiry interval, or {@code null}
     * @param contentType the content type, or {@code null}
     * @param responseTopic the response topic, or {@code null}
     * @param correlationData the correlation data, or {@code null}
     * @param userProperties name/value pairs, in order (names may repeat)
     */
    public record Mqtt5Properties(Long messageExpirySeconds, String contentType, String responseTopic,
                                  byte[] correlationData, List<Map.Entry<String, String>> userProperties) {
        public static final Mqtt5Properties NONE = new Mqtt5Properties(null, null, null, null, List.of());

        /** Whether any property is set. */
        public boolean any() {
            return messageExpirySeconds != null || contentType != null || responseTopic != null
                || correlationData != null || !userProperties.isEmpty();
        }
    }
}
