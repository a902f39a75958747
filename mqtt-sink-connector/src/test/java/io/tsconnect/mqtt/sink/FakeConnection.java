package io.tsconnect.mqtt.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.tsconnect.common.mqtt.BrokerAddress;

/**
 * A broker connection whose acknowledgements the test gives by hand: every publish is recorded with its future,
 * connects can be made to fail, and losing the connection fails every unacknowledged publish as the HiveMQ client
 * does at the end of a clean session.
 */
final class FakeConnection extends BrokerConnection {
    /** What one broker saw, shared by the connections of one test. */
    static final class Broker {
        final List<FakeConnection> connections = new ArrayList<>();
        final List<String> wire = new ArrayList<>();
        RuntimeException refuseConnect;
        boolean silentWhenClosed;
        int sendMaximum = 65_535;

        FakeConnection open(int attempt) {
            FakeConnection c = new FakeConnection(this);
            connections.add(c);
            return c;
        }

        FakeConnection last() {
            return connections.get(connections.size() - 1);
        }
    }

    record Sent(OutboundMessage message, CompletableFuture<Void> ack) {
    }

    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    final Broker broker;
    final List<Sent> sent = new ArrayList<>();
    boolean up;

    private FakeConnection(Broker broker) {
        super(null, BrokerAddress.parse("tcp://fake:1883"));
        this.broker = broker;
    }

    @Override
    public CompletableFuture<?> connect() {
        if (broker.refuseConnect != null) {
            return CompletableFuture.failedFuture(broker.refuseConnect);
        }
        up = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public int sendMaximum() {
        return broker.sendMaximum;
    }

    @Override
    public synchronized CompletableFuture<?> publish(OutboundMessage message) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        if (!up) {
            ack.completeExceptionally(new IllegalStateException("not connected"));
            return ack;
        }
        sent.add(new Sent(message, ack));
        broker.wire.add(new String(message.payload()));
        return ack;
    }

    /** Acknowledges the i-th publish of this connection. */
    void ack(int i) {
        sent.get(i).ack().complete(null);
    }

    /** Acknowledges every publish not yet answered. */
    void ackAll() {
        sent.forEach(s -> s.ack().complete(null));
    }

    /** Refuses the i-th publish as an MQTT 5 broker does with a PUBACK error reason. */
    void refuse(int i, String reason) {
        sent.get(i).ack().completeExceptionally(new Rejected(reason));
    }

    /** The connection drops: every unanswered publish fails (unless the broker is set to stay silent). */
    void drop() {
        up = false;
        lost();
        if (!broker.silentWhenClosed) {
            sent.forEach(s -> s.ack().completeExceptionally(new IllegalStateException("connection lost")));
        }
    }

    int unanswered() {
        return (int) sent.stream().filter(s -> !s.ack().isDone()).count();
    }

    @Override
    public String rejection(Throwable error) {
        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
        return cause instanceof Rejected ? "refused: " + cause.getMessage() : null;
    }

    @Override
    public CompletableFuture<?> disconnect() {
        if (up) {
            up = false;
            sent.stream().filter(s -> !broker.silentWhenClosed).forEach(s -> s.ack().completeExceptionally(new IllegalStateException("disconnected")));
        }
        return CompletableFuture.completedFuture(null);
    }
}
