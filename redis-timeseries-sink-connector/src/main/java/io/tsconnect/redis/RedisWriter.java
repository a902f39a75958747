package io.tsconnect.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.common.sink.AcceptedOffsets;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Buffers records on the task thread and hands them to a {@link SendPipeline}, whose sender threads map them and
 * write them to Redis while the task thread polls Kafka for the next ones. A batch goes out as soon as a sender
 * thread is free; while both are busy, records accumulate (up to {@code maxBuffered}, then put() waits for the
 * oldest batch), so batches grow when Redis is the bottleneck and stay small, with low latency, when it is not.
 *
 * <p>Delivery: a record's offset becomes committable only once Redis answered its batch or the record was handed
 * to the errant record reporter ({@link #committableOffsets}). A batch that fails for a transient reason comes
 * back ahead of the newer records, in order, and is sent again; the records Connect re-delivers after the
 * {@link RetriableException} are recognised by offset and not buffered twice.
 */
final class RedisWriter implements AutoCloseable {
    /** How often put() is re-entered to collect an outcome when records are buffered or in flight. */
    static final long POLL_MS = 5;

    private final SendPipeline pipeline;
    private final BiConsumer<SinkRecord, String> errant;
    private final int maxBuffered;
    private final List<SinkRecord> pending = new ArrayList<>();
    private final AcceptedOffsets accepted = new AcceptedOffsets();
    private boolean retryDue;
    private int transientFailures;
    private RuntimeException fatal;

    /**
     * @param pipeline the sender threads
     * @param errant takes a record that cannot be written, with why (on the task thread)
     * @param maxBuffered records buffered at most while every sender thread is busy
     */
    RedisWriter(SendPipeline pipeline, BiConsumer<SinkRecord, String> errant, int maxBuffered) {
        this.pipeline = pipeline;
        this.errant = errant;
        this.maxBuffered = maxBuffered;
    }

    /**
     * Buffers {@code records}, takes the outcomes of finished batches and starts the next one when a sender
     * thread is free (or the buffer is full).
     *
     * @throws RedisUnavailableException when a batch failed for a transient reason: nothing is lost, retry later
     * @throws ConnectException when Redis refused the writes for good, or a bad record cannot be reported
     */
    void write(Collection<SinkRecord> records) {
        failIfFatal();
        accept(records);
        for (SendPipeline.Outcome done = pipeline.poll(); done != null; done = pipeline.poll()) {
            collect(done);
        }
        if (!pending.isEmpty() && (retryDue || !pipeline.full() || pending.size() >= maxBuffered)) {
            sendPending();
        }
    }

    /**
     * Buffers the records not accepted before (Connect re-delivers them after a retriable failure). Kept apart
     * from {@link #write}: only this loop runs per record, so the JIT compiles it alone rather than with the
     * sender pipeline inlined around it.
     */
    private void accept(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            if (accepted.accept(record)) {
                pending.add(record);
            }
        }
    }

    /** Submits the buffer, first waiting for the oldest batch when every sender thread is busy. */
    private void sendPending() {
        if (pipeline.full()) {
            collect(pipeline.await());
        }
        if (!pending.isEmpty()) {
            pipeline.submit(List.copyOf(pending));
            pending.clear();
            retryDue = false;
        }
    }

    /** Applies an outcome: unsent records back in front, failed ones to the reporter, failures rethrown. */
    private void collect(SendPipeline.Outcome outcome) {
        if (outcome == null) {
            return;
        }
        RuntimeException failure = outcome.failure();
        if (failure == null) {
            transientFailures = 0;
            outcome.failed().forEach(this::reject);
            return;
        }
        pending.addAll(0, outcome.batch());
        if (failure instanceof JedisException e && RedisErrors.isTransient(e)) {
            retryDue = true;
            transientFailures++;
            throw new RedisUnavailableException(e);
        }
        fatal = failure instanceof JedisException e ? RedisErrors.fatal("Writing " + outcome.batch().size()
            + " records to Redis", e) : failure;
        throw fatal;
    }

    private void reject(SinkRecord record, String why) {
        try {
            errant.accept(record, why);
        } catch (RuntimeException e) {
            fatal = e;
            throw e;
        }
    }

    private void failIfFatal() {
        if (fatal != null) {
            throw new ConnectException("The Redis writer failed earlier: " + fatal.getMessage(), fatal);
        }
    }

    /** Transient failures since the last batch that went through (drives the task's backoff). */
    int transientFailures() {
        return transientFailures;
    }

    /** How long until put() should run again to collect or send; -1 when nothing is buffered or in flight. */
    long millisUntilDue() {
        return pending.isEmpty() && !pipeline.busy() ? -1 : POLL_MS;
    }

    /**
     * Sends every buffered record and waits until Redis answered (before an offset commit).
     *
     * @throws RedisUnavailableException for a transient failure (records kept); ConnectException for a fatal one
     */
    void flush() {
        failIfFatal();
        if (!pending.isEmpty()) {
            sendPending();
        }
        while (pipeline.busy()) {
            collect(pipeline.await());
        }
    }

    /**
     * The offsets safe to commit for {@code partitions} (as consumed, before any SMT renamed the topic): up to the
     * first record not yet answered (buffered or in flight), or past the last accepted record when the partition
     * has none. Nothing after a fatal error.
     */
    Map<TopicPartition, OffsetAndMetadata> committableOffsets(Collection<TopicPartition> partitions) {
        if (fatal != null) {
            return new HashMap<>();
        }
        List<List<SinkRecord>> unacked = new ArrayList<>(pipeline.inFlight());
        unacked.add(pending);
        return accepted.committable(partitions, unacked);
    }

    /** Forgets {@code partitions} (revoked): waits for the batches in flight, then drops their buffered records. */
    void forget(Collection<TopicPartition> partitions) {
        while (pipeline.busy()) {
            try {
                collect(pipeline.await());
            } catch (RuntimeException e) {
                // The unsent records are back in the buffer (those of the revoked partitions are dropped below);
                // a fatal failure stays recorded and fails the next put().
            }
        }
        pending.removeIf(r -> AcceptedOffsets.consumedFromAny(partitions, r));
        accepted.forget(partitions);
    }

    /** Records buffered or in flight. */
    int buffered() {
        return pending.size() + pipeline.inFlight().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() {
        pipeline.close();
    }

    /** Redis could not be reached or asked to retry; every unanswered record is still held. */
    static final class RedisUnavailableException extends RetriableException {
        private static final long serialVersionUID = 1L;

        RedisUnavailableException(JedisException cause) {
            super("Redis unavailable: " + cause.getMessage(), cause);
        }
    }
}
