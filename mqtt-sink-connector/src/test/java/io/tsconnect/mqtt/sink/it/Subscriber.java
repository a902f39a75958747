package io.tsconnect.mqtt.sink.it;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

/**
 * A plain MQTT 5 subscriber, independent of the connector: subscribes at QoS 2 (so each message arrives with the
 * QoS it was published with), keeps every message, and with a persistent session resumes after a broker restart.
 */
public final class Subscriber implements AutoCloseable {
    private final Mqtt5AsyncClient client;
    private final List<Mqtt5Publish> received = new CopyOnWriteArrayList<>();

    private Subscriber(Mqtt5AsyncClient client) {
        this.client = client;
    }

    /**
     * Connects as {@code clientId} and subscribes to {@code filter}.
     *
     * @param persistent keep the session (and reconnect automatically) so that nothing queued is lost on a restart
     */
    public static Subscriber connect(String uri, String user, String password, String clientId, String filter,
                                     boolean persistent) {
        URI u = URI.create(uri);
        var builder = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(u.getHost())
            .serverPort(u.getPort());
        if (persistent) {
            builder.automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS)
                .applyAutomaticReconnect();
        }
        if (user != null) {
            builder.simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        Subscriber subscriber = new Subscriber(builder.buildAsync());
        subscriber.client.publishes(MqttGlobalPublishFilter.ALL, subscriber.received::add);
        var connect = subscriber.client.connectWith().cleanStart(!persistent);
        if (persistent) {
            connect.sessionExpiryInterval(3600);
        }
        connect.send().join();
        subscriber.client.subscribeWith().topicFilter(filter).qos(MqttQos.EXACTLY_ONCE).send().join();
        return subscriber;
    }

    public List<Mqtt5Publish> received() {
        return received;
    }

    /** The payloads received so far, as text. */
    public List<String> payloads() {
        return received.stream().map(p -> new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
