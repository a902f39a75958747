package io.tsconnect.mqtt.sink;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientConnectionConfig;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;

import io.tsconnect.common.mqtt.BrokerAddress;

/** An MQTT 5 connection: publish properties, per-message reason codes and the broker's Receive Maximum. */
final class Mqtt5Connection extends BrokerConnection {
    private final Mqtt5AsyncClient client;

    Mqtt5Connection(PublisherSettings settings, BrokerAddress server, MqttClientBuilder builder) {
        super(settings, server);
        var v5 = builder.useMqttVersion5().addDisconnectedListener(context -> {
            if (context.getSource() != MqttDisconnectSource.USER) {
                lost();
            }
        });
        if (settings.credentials().present()) {
            v5.simpleAuth(settings.credentials().v5());
        }
        this.client = v5.buildAsync();
    }

    @Override
    public CompletableFuture<?> connect() {
        return client.connectWith().cleanStart(true).noSessionExpiry()
            .keepAlive((int) settings.keepAlive().toSeconds()).send();
    }

    @Override
    public int sendMaximum() {
        return client.getConfig().getConnectionConfig().map(Mqtt5ClientConnectionConfig::getRestrictionsForClient)
            .map(Mqtt5ClientConnectionConfig.RestrictionsForClient::getSendMaximum).orElse(65_535);
    }

    @Override
    public CompletableFuture<?> publish(OutboundMessage message) {
        Mqtt5PublishBuilder.Complete builder = Mqtt5Publish.builder().topic(message.topic())
            .qos(MqttQos.fromCode(message.qos())).payload(message.payload()).retain(message.retain());
        OutboundMessage.Mqtt5Properties p = message.properties();
        if (p.any()) {
            if (p.messageExpirySeconds() != null) {
                builder.messageExpiryInterval(p.messageExpirySeconds());
            }
            if (p.contentType() != null) {
                builder.contentType(p.contentType());
            }
            if (p.responseTopic() != null) {
                builder.responseTopic(p.responseTopic());
            }
            if (p.correlationData() != null) {
                builder.correlationData(p.correlationData());
            }
            if (!p.userProperties().isEmpty()) {
                Mqtt5UserPropertiesBuilder properties = Mqtt5UserProperties.builder();
                for (Map.Entry<String, String> property : p.userProperties()) {
                    properties.add(property.getKey(), property.getValue());
                }
                builder.userProperties(properties.build());
            }
        }
        return client.publish(builder.build());
    }

    @Override
    public String rejection(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Mqtt5PubAckException e) {
            Mqtt5PubAckReasonCode code = e.getMqttMessage().getReasonCode();
            return code == Mqtt5PubAckReasonCode.QUOTA_EXCEEDED ? null : "the broker refused the message: PUBACK "
                + code + e.getMqttMessage().getReasonString().map(r -> " (" + r + ")").orElse("");
        }
        if (cause instanceof Mqtt5PubRecException e) {
            Mqtt5PubRecReasonCode code = e.getMqttMessage().getReasonCode();
            return code == Mqtt5PubRecReasonCode.QUOTA_EXCEEDED ? null : "the broker refused the message: PUBREC "
                + code + e.getMqttMessage().getReasonString().map(r -> " (" + r + ")").orElse("");
        }
        return null;
    }

    @Override
    public CompletableFuture<?> disconnect() {
        return client.disconnect();
    }
}
