package io.tsconnect.mqtt.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;

/** A plain HiveMQ-client publisher for tests; QoS 1/2 publishes wait for the broker's acknowledgement. */
public final class TestPublisher implements AutoCloseable {
    private final Mqtt5AsyncClient client;

    private TestPublisher(Mqtt5AsyncClient client) {
        this.client = client;
    }

    /** Connects to {@code tcp://host:port} (anonymous when {@code username} is null). */
    public static TestPublisher connect(String uri, String username, String password) {
        java.net.URI u = java.net.URI.create(uri);
        var builder = MqttClient.builder().useMqttVersion5().identifier("test-pub-" + UUID.randomUUID())
            .serverHost(u.getHost()).serverPort(u.getPort()).automaticReconnectWithDefaultConfig();
        if (username != null) {
            // On the client, not the CONNECT message: the automatic reconnect only sends client-level credentials.
            builder.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth();
        }
        Mqtt5AsyncClient client = builder.buildAsync();
        client.connectWith().cleanStart(true).send().orTimeout(30, TimeUnit.SECONDS).join();
        return new TestPublisher(client);
    }

    public static TestPublisher connect(String uri) {
        return connect(uri, null, null);
    }

    /** Publishes and waits for the broker's acknowledgement (QoS 1/2). */
    public void publish(String topic, String payload, int qos) {
        publishAsync(topic, payload.getBytes(StandardCharsets.UTF_8), qos, Map.of()).join();
    }

    /** Publishes with MQTT 5 user properties, content type and correlation data. */
    public CompletableFuture<?> publishAsync(String topic, byte[] payload, int qos, Map<String, String> properties) {
        Mqtt5PublishBuilder.Send.Complete<CompletableFuture<com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult>>
            publish = client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload);
        if (!properties.isEmpty()) {
            var props = com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties.builder();
            properties.forEach(props::add);
            publish.userProperties(props.build());
        }
        return publish.send().orTimeout(60, TimeUnit.SECONDS);
    }

    /** Publishes a prepared message. */
    public CompletableFuture<?> publish(Mqtt5Publish message) {
        return client.publish(message).orTimeout(60, TimeUnit.SECONDS);
    }

    /** Publishes {@code count} messages {@code <prefix>-<i>} to {@code topic}, at most 500 unacknowledged. */
    public void publishMany(String topic, String prefix, int count, int qos) {
        List<CompletableFuture<?>> window = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            window.add(publishAsync(topic, (prefix + "-" + i).getBytes(StandardCharsets.UTF_8), qos, Map.of()));
            if (window.size() >= 500) {
                CompletableFuture.allOf(window.toArray(new CompletableFuture<?>[0])).join();
                window.clear();
            }
        }
        CompletableFuture.allOf(window.toArray(new CompletableFuture<?>[0])).join();
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
