package io.tsconnect.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.unsubscribe.Mqtt3Unsubscribe;

import io.reactivex.Flowable;

/** An MQTT 3.1.1 session: clean session off keeps it until the broker's own expiry. */
final class Mqtt3Session extends MqttSession {
    private Mqtt3Client client;

    Mqtt3Session(SessionSettings settings, List<Subscription> subscriptions, List<Subscription> stale,
                 InboundBuffer buffer, MqttTaskMetrics metrics) {
        super(settings, subscriptions, stale, buffer, metrics);
    }

    @Override
    protected void build(MqttClientBuilder builder) {
        var v3 = builder.useMqttVersion3();
        if (settings.username() != null) {
            // Client-level, not on the CONNECT message: see MqttCredentials.
            v3.simpleAuth(settings.credentials().v3());
        }
        client = v3.build();
    }

    @Override
    protected Flowable<InboundMessage> publishes() {
        return client.toRx().publishes(MqttGlobalPublishFilter.ALL, true)
            .map(p -> InboundMessage.of(p, System.currentTimeMillis()));
    }

    @Override
    protected CompletableFuture<?> connect() {
        return client.toAsync().connectWith()
            .cleanSession(settings.cleanStart())
            .keepAlive((int) settings.keepAlive().toSeconds())
            .send();
    }

    @Override
    protected CompletableFuture<?> subscribe() {
        List<Mqtt3Subscription> list = subscriptions.stream().map(s -> Mqtt3Subscription.builder()
            .topicFilter(s.filter()).qos(s.mqttQos()).build()).collect(Collectors.toList());
        return client.toAsync().subscribe(Mqtt3Subscribe.builder().addSubscriptions(list).build());
    }

    @Override
    protected CompletableFuture<?> unsubscribe(List<Subscription> filters) {
        var builder = Mqtt3Unsubscribe.builder().addTopicFilter(filters.get(0).filter());
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
        if (!(error instanceof Mqtt3SubAckException e)) {
            return null;
        }
        Mqtt3SubAck ack = e.getMqttMessage();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ack.getReturnCodes().size() && i < subscriptions.size(); i++) {
            if (ack.getReturnCodes().get(i).isError()) {
                out.append(out.length() == 0 ? "" : ", ").append(subscriptions.get(i).filter()).append(" refused");
            }
        }
        return out.length() == 0 ? e.getMessage() : out.toString();
    }
}
