package io.tsconnect.mqtt.sink;

import java.util.concurrent.CompletableFuture;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;

import io.tsconnect.common.mqtt.BrokerAddress;

/**
 * One connection of a task to the broker, with a clean session: nothing is queued while disconnected and every
 * publish still unacknowledged when the connection ends fails at once, so the {@link MqttWriter} knows exactly what
 * to publish again, in order, on the next connection. The HiveMQ client never reconnects by itself here.
 */
public abstract class BrokerConnection {
    protected final PublisherSettings settings;
    protected final BrokerAddress server;
    private volatile Runnable onLost = () -> { };

    protected BrokerConnection(PublisherSettings settings, BrokerAddress server) {
        this.settings = settings;
        this.server = server;
    }

    /** A not yet connected connection to the {@code attempt}-th endpoint, speaking the configured version. */
    public static BrokerConnection create(PublisherSettings settings, int attempt) {
        MqttClientBuilder builder = MqttClient.builder().identifier(settings.clientId())
            .transportConfig(settings.transport(attempt));
        return switch (settings.version()) {
            case V5 -> new Mqtt5Connection(settings, settings.server(attempt), builder);
            case V3_1_1 -> new Mqtt3Connection(settings, settings.server(attempt), builder);
        };
    }

    /** Runs {@code listener} (on a client thread) when an established connection is lost. */
    public void onLost(Runnable listener) {
        this.onLost = listener;
    }

    protected void lost() {
        onLost.run();
    }

    public BrokerAddress server() {
        return server;
    }

    /** Sends CONNECT (clean start, no session kept); completes on CONNACK. */
    public abstract CompletableFuture<?> connect();

    /** How many QoS 1/2 messages the broker lets this client have unacknowledged (MQTT 5 Receive Maximum). */
    public abstract int sendMaximum();

    /** Publishes; completes on PUBACK (QoS 1), PUBCOMP (QoS 2) or once written (QoS 0), else exceptionally. */
    public abstract CompletableFuture<?> publish(OutboundMessage message);

    /**
     * Why the broker refused a message for good (an MQTT 5 PUBACK/PUBREC error reason), or {@code null} when
     * {@code error} is transient (connection lost) and the message must be published again.
     */
    public abstract String rejection(Throwable error);

    /** Sends DISCONNECT, or closes a connection that is not up. */
    public abstract CompletableFuture<?> disconnect();
}
