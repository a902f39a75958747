package io.tsconnect.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientReconnector;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;

import io.reactivex.Flowable;

import io.tsconnect.common.mqtt.BrokerAddress;
import io.tsconnect.common.mqtt.ConnectFailures;

/**
 * One task's MQTT session: connects, keeps reconnecting with bounded backoff, subscribes, and streams every
 * received message into an {@link InboundBuffer} with manual acknowledgement.
 *
 * <p>The publish stream is registered for <em>all</em> incoming publishes <em>before</em> connecting: a resumed
 * persistent session redelivers unacknowledged messages right after CONNACK, before any subscribe call, and a
 * client listening only to its own subscriptions would acknowledge those automatically and lose them.
 *
 * <p>Failures retrying cannot fix (see {@link ConnectFailures}) stop reconnecting and are reported by
 * {@link #throwIfFailed()}, which the task calls from {@code poll()}.
 */
public abstract class MqttSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);

    protected final SessionSettings settings;
    protected final List<Subscription> subscriptions;
    private final List<Subscription> stale;
    private final InboundBuffer buffer;
    private final MqttTaskMetrics metrics;
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean reportedDown;
    private volatile boolean reportedRejection;

    protected MqttSession(SessionSettings settings, List<Subscription> subscriptions, List<Subscription> stale,
                          InboundBuffer buffer, MqttTaskMetrics metrics) {
        this.settings = settings;
        this.subscriptions = List.copyOf(subscriptions);
        this.stale = List.copyOf(stale);
        this.buffer = buffer;
        this.metrics = metrics;
    }

    /** A session speaking the configured MQTT version. */
    public static MqttSession create(SessionSettings settings, List<Subscription> subscriptions,
                                     List<Subscription> stale, InboundBuffer buffer, MqttTaskMetrics metrics) {
        return switch (settings.version()) {
            case V5 -> new Mqtt5Session(settings, subscriptions, stale, buffer, metrics);
            case V3_1_1 -> new Mqtt3Session(settings, subscriptions, stale, buffer, metrics);
        };
    }

    /** Builds the client, registers the publish stream, and starts connecting (returns at once). */
    public void start() {
        MqttClientBuilder builder = MqttClient.builder().identifier(settings.clientId())
            .transportConfig(settings.transport(0))
            .addConnectedListener(this::onConnected)
            .addDisconnectedListener(this::onDisconnected);
        build(builder);
        publishes().doOnNext(m -> metrics.received()).subscribe(buffer);
        LOG.info("MQTT client '{}' connecting to {} (MQTT {})", settings.clientId(), settings.server(0),
            settings.version());
        connect().whenComplete((ack, error) -> {
            if (error != null) {
                LOG.debug("First connect of '{}' failed: {}", settings.clientId(), error.toString());
            }
        });
    }

    /**
     * Creates the version-specific client from {@code builder}, with the credentials as the client's connect
     * defaults (see {@link io.tsconnect.common.mqtt.MqttCredentials}).
     */
    protected abstract void build(MqttClientBuilder builder);

    /** Every incoming publish with manual acknowledgement, as messages. */
    protected abstract Flowable<InboundMessage> publishes();

    /** Sends CONNECT with the session settings. */
    protected abstract CompletableFuture<?> connect();

    /** Subscribes to {@link #subscriptions}; fails on any refused filter. */
    protected abstract CompletableFuture<?> subscribe();

    /** Unsubscribes from the given filters. */
    protected abstract CompletableFuture<?> unsubscribe(List<Subscription> filters);

    /** Publishes {@code payload} to {@code topic} at QoS 0 (fails when the client is not connected). */
    public abstract CompletableFuture<?> publish(String topic, byte[] payload);

    /** Sends DISCONNECT (keeping the session) or stops reconnecting. */
    protected abstract CompletableFuture<?> disconnect();

    /** Describes refused subscriptions in a SUBACK failure, or returns {@code null} when it is not one. */
    protected abstract String subAckFailure(Throwable error);

    /** Throws the recorded fatal error, if any, as a {@link ConnectException} that fails the task. */
    public void throwIfFailed() {
        String reason = fatal.get();
        if (reason != null) {
            throw new ConnectException(reason);
        }
    }

    private void onConnected(MqttClientConnectedContext context) {
        metrics.connected(true);
        if (connections.incrementAndGet() > 1) {
            metrics.reconnected();
        }
        reportedDown = false;
        reportedRejection = false;
        LOG.info("MQTT client '{}' connected to {}", settings.clientId(),
            context.getClientConfig().getServerAddress());
        if (subscribed.compareAndSet(false, true)) {
            subscribe().<Object>thenApply(ack -> ack)
                .thenCompose(ack -> stale.isEmpty() ? CompletableFuture.completedFuture(ack)
                    : unsubscribe(stale).<Object>thenApply(unsubAck -> unsubAck))
                .whenComplete((ack, error) -> {
                    if (error != null) {
                        onSubscribeFailed(error);
                    } else {
                        metrics.subscribed(true);
                        LOG.info("MQTT client '{}' subscribed to {}", settings.clientId(), subscriptions);
                    }
                });
        }
    }

    private void onSubscribeFailed(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        String refused = subAckFailure(cause);
        if (refused != null) {
            fail("MQTT broker refused subscriptions of client '" + settings.clientId() + "': " + refused
                + " (check mqtt.topic.filters and the broker's ACLs)");
        } else {
            // Lost the connection while subscribing: subscribe again on the next connection.
            subscribed.set(false);
            LOG.debug("Subscribing '{}' failed, retrying after reconnect: {}", settings.clientId(), cause.toString());
        }
    }

    private void onDisconnected(MqttClientDisconnectedContext context) {
        metrics.connected(false);
        if (closing.get() || context.getSource() == MqttDisconnectSource.USER) {
            return;
        }
        MqttClientReconnector reconnector = context.getReconnector();
        int attempt = reconnector.getAttempts();
        BrokerAddress server = settings.server(connections.get() + attempt);
        String reason = ConnectFailures.fatalReason(context.getCause(), server, settings.clientId());
        if (reason != null && connections.get() > 0 && ConnectFailures.isRejection(context.getCause())) {
            // These credentials worked before: an authentication backend that is still starting, or a password
            // being rotated, may refuse them for a while. Keep retrying, loudly: once per outage, even when the
            // disconnect itself was already reported.
            if (!reportedRejection) {
                reportedRejection = true;
                reportedDown = true;
                LOG.error("{}; it was accepted before, so the task keeps retrying", reason);
            }
            reason = null;
        }
        if (reason == null && !settings.retry().mayRetry(attempt)) {
            reason = "Gave up connecting client '" + settings.clientId() + "' after " + attempt + " attempts: "
                + context.getCause();
        }
        if (reason != null) {
            fail(reason);
            return;
        }
        Duration delay = settings.retry().backoff().delay(attempt);
        reconnector.reconnect(true).delay(delay.toMillis(), TimeUnit.MILLISECONDS)
            .transportConfig(settings.transport(connections.get() + attempt + 1));
        if (!reportedDown) {
            reportedDown = true;
            LOG.warn("MQTT client '{}' is disconnected from {} ({}); reconnecting with backoff up to {} ms",
                settings.clientId(), server, context.getCause().toString(),
                settings.retry().backoff().max().toMillis());
        } else {
            LOG.debug("Reconnect {} of '{}' failed: {}", attempt, settings.clientId(), context.getCause().toString());
        }
    }

    private void fail(String reason) {
        if (fatal.compareAndSet(null, reason)) {
            LOG.error("MQTT client '{}' stops: {}", settings.clientId(), reason);
        }
        buffer.wakeUp();
    }

    /**
     * Disconnects cleanly, keeping the persistent session, within {@code timeout}, and only then stops the stream.
     * The order matters: the HiveMQ client acknowledges at once a QoS 1 or 2 publish that no stream takes (when no
     * earlier one awaits its acknowledgement), so a still-connected client whose stream was cancelled would tell the
     * broker it had every message that arrived before its DISCONNECT went out, and those never reached Kafka (in a CI
     * run the client of a task stopped as its worker left logged 1,168 publishes without a stream, and exactly 1,168
     * of the 4,000 messages were missing from Kafka). Messages that reach the buffer meanwhile are
     * acknowledged only once written to Kafka, as always; the others the broker redelivers to the resumed session.
     * When the disconnect fails or times out the stream is left as it is, for the same reason.
     */
    public void close(Duration timeout) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            disconnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            buffer.cancel();
        } catch (ExecutionException e) {
            LOG.debug("Disconnect of '{}': {}", settings.clientId(), e.getCause().toString());
        } catch (TimeoutException e) {
            LOG.warn("MQTT client '{}' did not disconnect within {} ms", settings.clientId(), timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.connected(false);
        LOG.info("MQTT client '{}' disconnected", settings.clientId());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
