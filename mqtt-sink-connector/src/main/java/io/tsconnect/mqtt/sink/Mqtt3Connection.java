package io.tsconnect.mqtt.sink;

import java.util.concurrent.CompletableFuture;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import io.tsconnect.common.mqtt.BrokerAddress;

/** An MQTT 3.1.1 connection: no properties, and a broker can only accept a message or drop the connection. */
final class Mqtt3Connection extends BrokerConnection {
    private final Mqtt3AsyncClient client;

    Mqtt3Connection(PublisherSettings settings, BrokerAddress server, MqttClientBuilder builder) {
        super(settings, server);
        var v3 = builder.useMqttVersion3().addDisconnectedListener(context -> {
            if (context.getSource() != MqttDisconnectSource.USER) {
                lost();
            }
        });
        if (settings.credentials().v3() != null) {
            v3.simpleAuth(settings.credentials().v3());
        }
        this.client = v3.buildAsync();
    }

    @Override
    public CompletableFuture<?> connect() {
        return client.connectWith().cleanSession(true).keepAlive((int) settings.keepAlive().toSeconds()).send();
    }

    @Override
    public int sendMaximum() {
        return 65_535;
    }

    @Override
    public CompletableFuture<?> publish(OutboundMessage message) {
        return client.publish(Mqtt3Publish.builder().topic(message.topic()).qos(MqttQos.fromCode(message.qos()))
            .payload(message.payload()).retain(message.retain()).build());
    }

    @Override
    public String rejection(Throwable error) {
        return null;
    }

    @Override
    public CompletableFuture<?> disconnect() {
        return client.disconnect();
    }
}
