package io.tsconnect.mqtt.sink;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One accepted record on its way to the broker. Its state is written by the client's thread when the broker
 * answers and read by the task thread, which alone moves a delivery out of the {@link DeliveryLedger}.
 */
final class Delivery {
    /** What is known about the record. */
    enum State {
        /** Waiting to be published (again): accepted before a failure, or lost with its connection. */
        UNSENT,
        /** Published, not yet acknowledged. */
        SENDING,
        /** Acknowledged by the broker (QoS 1/2) or written to the connection (QoS 0). */
        ACKED,
        /** Refused by the broker or unpublishable: to be reported to the errant record reporter. */
        REJECTED,
        /** Nothing more to do: skipped (ignored tombstone) or reported. */
        DONE
    }

    final SinkRecord record;
    final OutboundMessage message;
    final long offset;
    private volatile State state;
    private volatile String reason;
    private volatile long sentNanos;
    private volatile int sends;

    private Delivery(SinkRecord record, OutboundMessage message, State state, String reason) {
        this.record = record;
        this.message = message;
        this.offset = record.originalKafkaOffset();
        this.state = state;
        this.reason = reason;
    }

    /** A record to publish. */
    static Delivery of(SinkRecord record, OutboundMessage message) {
        return new Delivery(record, message, State.UNSENT, null);
    }

    /** A record with nothing to publish (an ignored tombstone). */
    static Delivery skipped(SinkRecord record) {
        return new Delivery(record, null, State.DONE, null);
    }

    /** A record that cannot be published, for the given reason. */
    static Delivery rejected(SinkRecord record, String reason) {
        return new Delivery(record, null, State.REJECTED, reason);
    }

    State state() {
        return state;
    }

    String reason() {
        return reason;
    }

    long sentNanos() {
        return sentNanos;
    }

    /** Marks the delivery as published and returns the number of this attempt. */
    int sending(long nanos) {
        sentNanos = nanos;
        state = State.SENDING;
        return ++sends;
    }

    /** Whether {@code attempt} is the latest publish of this delivery (older answers are stale). */
    boolean current(int attempt) {
        return sends == attempt;
    }

    void acked() {
        state = State.ACKED;
    }

    void lost() {
        state = State.UNSENT;
    }

    void reject(String why) {
        reason = why;
        state = State.REJECTED;
    }

    void done() {
        state = State.DONE;
    }
}
