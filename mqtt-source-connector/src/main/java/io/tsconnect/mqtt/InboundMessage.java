package io.tsconnect.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

/**
 * A received MQTT message, copied out of the client's publish object, with the handle that acknowledges it to the
 * broker once Kafka has the record.
 *
 * @param topic the topic it was published to
 * @param payload the payload (empty when none)
 * @param qos the QoS it was delivered with
 * @param retain whether it is a retained message
 * @param userProperties MQTT 5 user properties in order (names may repeat)
 * @param contentType MQTT 5 content type, or {@code null}
 * @param responseTopic MQTT 5 response topic, or {@code null}
 * @param correlationData MQTT 5 correlation data, or {@code null}
 * @param arrivalMs when the task received it
 * @param ack sends the PUBACK/PUBREC (a no-op for QoS 0)
 */
public record InboundMessage(String topic, byte[] payload, int qos, boolean retain,
                             List<Map.Entry<String, String>> userProperties, String contentType,
                             String responseTopic, byte[] correlationData, long arrivalMs, Runnable ack) {

    /** Copies an MQTT 5 publish. */
    public static InboundMessage of(Mqtt5Publish publish, long arrivalMs) {
        List<Map.Entry<String, String>> properties = new ArrayList<>();
        publish.getUserProperties().asList().forEach(p -> properties.add(
            Map.entry(p.getName().toString(), p.getValue().toString())));
        return new InboundMessage(publish.getTopic().toString(), publish.getPayloadAsBytes(),
            publish.getQos().getCode(), publish.isRetain(), properties,
            publish.getContentType().map(Object::toString).orElse(null),
            publish.getResponseTopic().map(Object::toString).orElse(null),
            bytes(publish.getCorrelationData()), arrivalMs, publish::acknowledge);
    }

    /** Copies an MQTT 3.1.1 publish. */
    public static InboundMessage of(Mqtt3Publish publish, long arrivalMs) {
        return new InboundMessage(publish.getTopic().toString(), publish.getPayloadAsBytes(),
            publish.getQos().getCode(), publish.isRetain(), List.of(), null, null, null, arrivalMs,
            publish::acknowledge);
    }

    /** This message with another acknowledgement handle. */
    public InboundMessage withAck(Runnable newAck) {
        return new InboundMessage(topic, payload, qos, retain, userProperties, contentType, responseTopic,
            correlationData, arrivalMs, newAck);
    }

    /** The payload as UTF-8 text. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Optional<ByteBuffer> buffer) {
        if (buffer.isEmpty()) {
            return null;
        }
        ByteBuffer b = buffer.get().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
