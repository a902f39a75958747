package io.tsconnect.mqtt.sink;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.common.mqtt.ConnectFailures;

/**
 * Publishes records to the broker with a bounded window of unacknowledged messages and commits, per partition,
 * only past records the broker acknowledged, that were skipped, or that went to the dead letter queue.
 *
 * <p>Messages go out in offset order on one connection, so each partition's order is kept on the wire. When the
 * connection is lost (or a message is not acknowledged within the ack timeout), every unacknowledged message of
 * that connection fails; the writer waits until none is in flight, connects anew and publishes them again, in
 * offset order, before any newer record. Until it is connected again it throws {@link PublishFailedException}
 * (retriable), and Connect redelivers the batch, whose records already accepted are recognised by offset.
 */
public final class MqttWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttWriter.class);
    /** How long the answers of a closed connection's publishes are awaited before they are taken as lost. */
    private static final long LOST_ANSWER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final IntFunction<BrokerConnection> connections;
    private final MessageMapper mapper;
    private final ErrantRecords errant;
    private final SinkMetrics metrics;
    private final int maxInFlight;
    private volatile InFlightWindow window;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final String clientId;
    private final long ackTimeoutNanos;
    private final Duration connectTimeout;
    private volatile BrokerConnection connection;
    private volatile boolean broken = true;
    private boolean everConnected;
    private int attempts;
    private int failures;
    private RuntimeException fatal;

    /**
     * @param connections opens the connection for the n-th attempt (endpoints in turn)
     * @param maxInFlight the configured window; a broker's Receive Maximum may lower it
     */
    public MqttWriter(IntFunction<BrokerConnection> connections, MessageMapper mapper, ErrantRecords errant,
                      SinkMetrics metrics, String clientId, int maxInFlight, Duration ackTimeout,
                      Duration connectTimeout) {
        this.connections = connections;
        this.mapper = mapper;
        this.errant = errant;
        this.metrics = metrics;
        this.clientId = clientId;
        this.maxInFlight = maxInFlight;
        this.window = new InFlightWindow(maxInFlight);
        this.ackTimeoutNanos = ackTimeout.toNanos();
        this.connectTimeout = connectTimeout;
        metrics.window(() -> window.inFlight(), () -> window.limit());
    }

    /**
     * Publishes the new records of {@code records}, waiting for acknowledgements only while the window is full.
     *
     * @throws PublishFailedException when the broker cannot be reached: nothing is lost, retry after a backoff
     * @throws ConnectException when the broker refuses this client for good or a bad record cannot be reported
     */
    public void write(Collection<SinkRecord> records) {
        failIfFatal();
        settle();
        checkAcknowledgements();
        if (broken) {
            recover();
        }
        for (SinkRecord record : records) {
            if (!ledger.isNew(record)) {
                continue;
            }
            Delivery delivery = accept(record);
            ledger.add(delivery);
            if (delivery.state() == Delivery.State.UNSENT) {
                send(delivery);
            }
        }
        settle();
    }

    private Delivery accept(SinkRecord record) {
        try {
            OutboundMessage message = mapper.map(record);
            return message == null ? Delivery.skipped(record) : Delivery.of(record, message);
        } catch (DataException e) {
            return Delivery.rejected(record, e.getMessage());
        }
    }

    /** Publishes one message once the window has room; the message stays unsent when the connection is lost. */
    private void send(Delivery delivery) {
        InFlightWindow window = this.window;
        boolean slot;
        try {
            slot = window.acquire(ackTimeoutNanos, () -> broken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("Interrupted while waiting for acknowledgements", e);
        }
        BrokerConnection current = connection;
        if (!slot || broken) {
            if (slot) {
                window.release();
            } else if (!broken) {
                breakConnection("no acknowledgement within " + Duration.ofNanos(ackTimeoutNanos).toMillis()
                    + " ms with " + window.limit() + " messages in flight");
            }
            throw failure("Lost the connection to " + (current == null ? "the broker" : current.server())
                + " with messages in flight", null);
        }
        int attempt = delivery.sending(System.nanoTime());
        CompletableFuture<?> published;
        try {
            published = current.publish(delivery.message);
        } catch (RuntimeException e) {
            // The client's own checks (topic, properties) refused the message before sending it.
            window.release();
            delivery.reject("the MQTT client refused the message: " + e.getMessage());
            return;
        }
        metrics.published();
        published.whenComplete((result, error) -> completed(current, window, delivery, attempt, error));
    }

    /** On the client's thread: records the broker's answer (unless the message was published again since). */
    private void completed(BrokerConnection from, InFlightWindow slots, Delivery delivery, int attempt,
                           Throwable error) {
        if (!delivery.current(attempt)) {
            slots.release();
            return;
        }
        if (error == null) {
            delivery.acked();
            metrics.acknowledged();
        } else {
            String rejection = from.rejection(error);
            if (rejection != null) {
                delivery.reject(rejection);
            } else {
                delivery.lost();
                broken = true;
            }
        }
        slots.release();
    }

    /**
     * Closes the lost connection, connects anew and republishes what was not acknowledged. Closing fails the old
     * connection's unanswered publishes; any that stay unanswered a little longer are taken as lost anyway, and their
     * late answers are ignored (the messages go out again on the new connection).
     */
    private void recover() {
        BrokerConnection old = connection;
        if (old != null) {
            connection = null;
            old.disconnect();
            metrics.connected(false);
            try {
                window.awaitEmpty(Math.min(connectTimeout.toNanos(), LOST_ANSWER_WAIT_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("Interrupted while closing the lost connection", e);
            }
        }
        ledger.abandonSending();
        BrokerConnection next = connect(connections.apply(attempts++));
        connection = next;
        InFlightWindow fresh = new InFlightWindow(maxInFlight);
        fresh.limit(next.sendMaximum());
        window = fresh;
        broken = false;
        everConnected = true;
        failures = 0;
        metrics.connected(true);
        List<Delivery> unsent = ledger.unsent();
        LOG.info("MQTT client '{}' connected to {}; {} messages in flight at most{}", clientId, next.server(),
            window.limit(), unsent.isEmpty() ? "" : ", publishing " + unsent.size() + " unacknowledged ones again");
        for (Delivery delivery : unsent) {
            send(delivery);
        }
    }

    private BrokerConnection connect(BrokerConnection next) {
        next.onLost(() -> lost(next));
        try {
            next.connect().get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return next;
        } catch (ExecutionException | TimeoutException e) {
            next.disconnect();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String reason = ConnectFailures.fatalReason(cause, next.server(), clientId);
            // Credentials that worked before may be refused for a while (an auth backend restarting): keep trying.
            if (reason != null && !(everConnected && ConnectFailures.isRejection(cause))) {
                fatal = new ConnectException(reason);
                throw fatal;
            }
            throw failure("Cannot connect to " + next.server() + ": " + (reason != null ? reason : cause), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.disconnect();
            throw failure("Interrupted while connecting to " + next.server(), e);
        }
    }

    /** On the client's thread: the connection went down. */
    private void lost(BrokerConnection which) {
        if (which == connection) {
            broken = true;
            metrics.connected(false);
            window.wake();
        }
    }

    /** Takes a connection that stopped acknowledging as broken: closing it fails its unacknowledged messages. */
    private void checkAcknowledgements() {
        long oldest = ledger.oldestSendingNanos();
        if (!broken && oldest != Long.MAX_VALUE && System.nanoTime() - oldest > ackTimeoutNanos) {
            breakConnection("a message has waited more than " + Duration.ofNanos(ackTimeoutNanos).toMillis()
                + " ms for its acknowledgement");
        }
    }

    private void breakConnection(String why) {
        BrokerConnection current = connection;
        LOG.warn("MQTT client '{}': {}; reconnecting to publish the unacknowledged messages again", clientId, why);
        broken = true;
        if (current != null) {
            current.disconnect();
        }
    }

    private PublishFailedException failure(String message, Throwable cause) {
        failures++;
        return new PublishFailedException(message, cause);
    }

    /** Reports rejected records and moves the committable offsets past finished ones. */
    private void settle() {
        try {
            ledger.settle(delivery -> {
                errant.report(delivery.record, delivery.reason());
                metrics.errant();
                delivery.done();
            });
        } catch (ConnectException e) {
            fatal = e;
            throw e;
        }
    }

    private void failIfFatal() {
        if (fatal != null) {
            throw new ConnectException("The MQTT writer failed earlier: " + fatal.getMessage(), fatal);
        }
    }

    /** Consecutive failures to reach the broker (drives the task's backoff); 0 once connected. */
    public int failures() {
        return failures;
    }

    /** The offsets safe to commit for {@code partitions}; none after a fatal error. */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets(Collection<TopicPartition> partitions) {
        if (fatal != null) {
            return Map.of();
        }
        try {
            settle();
        } catch (ConnectException e) {
            return Map.of();
        }
        return ledger.committable(partitions);
    }

    /** Records accepted and not yet finished (in flight, waiting to be republished or to be reported). */
    public int open() {
        return ledger.open();
    }

    /** Forgets revoked partitions; their unacknowledged records are re-read by the next owner. */
    public void forget(Collection<TopicPartition> partitions) {
        ledger.forget(partitions);
    }

    /** Disconnects, waiting up to {@code timeout}. */
    public void close(Duration timeout) {
        BrokerConnection current = connection;
        connection = null;
        broken = true;
        if (current != null) {
            try {
                current.disconnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("Disconnecting '{}': {}", clientId, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        metrics.connected(false);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
