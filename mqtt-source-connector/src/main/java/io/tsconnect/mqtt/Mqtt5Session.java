package io.tsconnect.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.Mqtt5Unsubscribe;

import io.reactivex.Flowable;

/** An MQTT 5 session: session expiry, optional Receive Maximum, user properties and the other MQTT 5 headers. */
final class Mqtt5Session extends MqttSession {
    private Mqtt5Client client;

    Mqtt5Session(SessionSettings settings, List<Subscription> subscriptions, List<Subscription> stale,
                 InboundBuffer buffer, MqttTaskMetrics metrics) {
        super(settings, subscriptions, stale, buffer, metrics);
    }

    @Override
    protected void build(MqttClientBuilder builder) {
        var v5 = builder.useMqttVersion5();
        if (settings.credentials().present()) {
            // Client-level, not on the CONNECT message: see MqttCredentials.
            v5.simpleAuth(settings.credentials().v5());
        }
        client = v5.build();
    }

    @Override
    protected Flowable<InboundMessage> publishes() {
        return client.toRx().publishes(MqttGlobalPublishFilter.ALL, true)
            .map(p -> InboundMessage.of(p, System.currentTimeMillis()));
    }

    @Override
    protected CompletableFuture<?> connect() {
        Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>> connect = client.toAsync().connectWith()
            .cleanStart(settings.cleanStart())
            .sessionExpiryInterval(settings.sessionExpirySeconds())
            .keepAlive((int) settings.keepAlive().toSeconds());
        if (settings.receiveMaximum() > 0) {
            connect.restrictions().receiveMaximum(settings.receiveMaximum()).applyRestrictions();
        }
        return connect.send();
    }

    @Override
    protected CompletableFuture<?> subscribe() {
        List<Mqtt5Subscription> list = subscriptions.stream().map(s -> Mqtt5Subscription.builder()
                .topicFilter(s.filter()).qos(s.mqttQos())
                // A resumed subscription must not replay retained messages already delivered.
                .retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST).build())
            .collect(Collectors.toList());
        return client.toAsync().subscribe(Mqtt5Subscribe.builder().addSubscriptions(list).build());
    }

    @Override
    protected CompletableFuture<?> unsubscribe(List<Subscription> filters) {
        var builder = Mqtt5Unsubscribe.builder().addTopicFilter(filters.get(0).filter());
        filters.stream().skip(1).forEach(f -> builder.addTopicFilter(f.filter()));
        return client.toAsync().unsubscribe(builder.build());
    }

    @Override
    public CompletableFuture<?> publish(String topic, byte[] payload) {
        return client.toAsync().publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(payload).send();
    }

    @Override
    protected CompletableFuture<?> disconnect() {
        return client.toAsync().disconnect();
    }

    @Override
    protected String subAckFailure(Throwable error) {
        if (!(error instanceof Mqtt5SubAckException e)) {
            return null;
        }
        Mqtt5SubAck ack = e.getMqttMessage();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ack.getReasonCodes().size() && i < subscriptions.size(); i++) {
            if (ack.getReasonCodes().get(i).isError()) {
                out.append(out.length() == 0 ? "" : ", ").append(subscriptions.get(i).filter()).append(' ')
                    .append(ack.getReasonCodes().get(i));
            }
        }
        return out.length() == 0 ? e.getMessage() : out.toString();
    }
}
