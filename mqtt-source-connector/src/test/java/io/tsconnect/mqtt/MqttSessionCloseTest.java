package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClientBuilder;

import io.reactivex.Flowable;
import io.reactivex.processors.PublishProcessor;

import io.tsconnect.common.Backoff;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.mqtt.BrokerAddress;
import io.tsconnect.common.mqtt.MqttVersion;

/**
 * Closing a session keeps its publish stream until the client is disconnected: the HiveMQ client acknowledges a
 * QoS 1/2 publish that no stream takes, so a connected client without one would acknowledge, and lose, what the
 * broker sends before the DISCONNECT goes out.
 */
class MqttSessionCloseTest {
    /** A session whose client is replaced by a stream and a disconnect the test controls. */
    private static final class ControlledSession extends MqttSession {
        final PublishProcessor<InboundMessage> stream = PublishProcessor.create();
        final CompletableFuture<Void> disconnected = new CompletableFuture<>();

        ControlledSession() {
            super(new SessionSettings("task-0", MqttVersion.V5, List.of(BrokerAddress.parse("tcp://127.0.0.1:1")),
                    null, null, null, Duration.ofSeconds(60), Duration.ofSeconds(5), false, 3600, 0,
                    new RetryConfig(-1, new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)))),
                List.of(Subscription.parse("a/#", 1)), List.of(), new InboundBuffer(16), new MqttTaskMetrics());
        }

        @Override
        protected void build(MqttClientBuilder builder) {
        }

        @Override
        protected Flowable<InboundMessage> publishes() {
            return stream;
        }

        @Override
        protected CompletableFuture<?> connect() {
            return new CompletableFuture<>();
        }

        @Override
        protected CompletableFuture<?> subscribe() {
            return new CompletableFuture<>();
        }

        @Override
        protected CompletableFuture<?> unsubscribe(List<Subscription> filters) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<?> publish(String topic, byte[] payload) {
            return new CompletableFuture<>();
        }

        @Override
        protected CompletableFuture<?> disconnect() {
            return disconnected;
        }

        @Override
        protected String subAckFailure(Throwable error) {
            return null;
        }
    }

    @Test
    void thePublishStreamStaysUntilTheClientIsDisconnected() throws Exception {
        ControlledSession session = new ControlledSession();
        session.start();
        assertTrue(session.stream.hasSubscribers(), "the stream is taken before connecting");
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> session.close(Duration.ofSeconds(10)));
        // close() now waits for the disconnect; the client may still receive publishes meanwhile.
        Thread.sleep(200);
        assertFalse(closed.isDone(), "close waits for the disconnect");
        assertTrue(session.stream.hasSubscribers(), "the stream must not be cancelled while still connected");
        session.disconnected.complete(null);
        closed.get(5, TimeUnit.SECONDS);
        assertFalse(session.stream.hasSubscribers(), "the stream is released once disconnected");
    }

    @Test
    void aDisconnectThatTimesOutLeavesTheStreamInPlace() {
        ControlledSession session = new ControlledSession();
        session.start();
        session.close(Duration.ofMillis(100));
        assertTrue(session.stream.hasSubscribers(), "a client that may still be connected keeps its stream");
    }
}
