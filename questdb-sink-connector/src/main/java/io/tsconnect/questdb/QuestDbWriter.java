package io.tsconnect.questdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.questdb.client.Sender;
import io.tsconnect.common.sink.AcceptedOffsets;

/**
 * Buffers records on the task thread and hands them to a {@link FlushPipeline}, whose sender threads convert
 * them into rows as they arrive and send a batch when the buffer is due (flush on row count, age or idleness)
 * while the next one fills. The task thread itself does no conversion: with JsonConverter, Connect's own
 * conversion already keeps it busy.
 *
 * <p>Delivery: a record's offset becomes committable only once its row was acknowledged by QuestDB or the
 * record was handed to the DLQ ({@link #committableOffsets}); rows in flight count as not written. A batch
 * that fails for a transient reason comes back ahead of the newer rows, in order, and is retried after the
 * task's backoff; the records Connect re-delivers after the {@link RetriableException} are recognised by
 * offset and not buffered twice. Records that cannot be converted, and those QuestDB rejects (isolated by
 * splitting the batch in halves), go to the {@link ErrantRecords} on this thread while the rest land.
 */
public final class QuestDbWriter implements AutoCloseable {
    /** How often put() is re-entered to collect an in-flight result when nothing else is due. */
    static final long IN_FLIGHT_POLL_MS = 10;

    private final ErrantRecords errant;
    private final FlushPolicy policy;
    private final WriterMetrics metrics;
    private final LongSupplier clock;
    private final FlushPipeline flusher;
    private final List<SinkRecord> pending = new ArrayList<>();
    private final AcceptedOffsets accepted = new AcceptedOffsets();
    private long firstPendingNanos;
    private long lastRecordNanos;
    private boolean retryDue;
    private int transientFailures;
    private RuntimeException fatal;

    /**
     * @param senders opens a sender on a sender thread (may throw when QuestDB is unreachable)
     * @param mappers makes each sender thread's own mapper
     * @param tables creates tables before their first row, or null
     * @param clock nanosecond clock (System::nanoTime; tests pass their own)
     * @param threadName the sender threads' name prefix
     */
    public QuestDbWriter(Supplier<Sender> senders, Supplier<RecordMapper> mappers, TableCreator tables,
                         ErrantRecords errant, FlushPolicy policy, WriterMetrics metrics, LongSupplier clock,
                         String threadName) {
        this.errant = errant;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        List<BatchSender> batchSenders = new ArrayList<>();
        for (int i = 0; i < FlushPipeline.DEPTH; i++) {
            batchSenders.add(new BatchSender(senders, mappers.get(), tables, metrics, clock));
        }
        this.flusher = new FlushPipeline(batchSenders, threadName);
    }

    /**
     * Buffers {@code records}, takes the results of finished flushes and starts the next one when due.
     *
     * @throws FlushFailedException when a flush failed for a transient reason: nothing is lost, retry later
     * @throws ConnectException when QuestDB refused the writes for good, or a bad record cannot be reported
     */
    public void write(Collection<SinkRecord> records) {
        failIfFatal();
        long now = clock.getAsLong();
        accept(records, now);
        for (BatchResult done = flusher.poll(); done != null; done = flusher.poll()) {
            collect(done);
        }
        if (retryDue || policy.due(pending.size(), now - firstPendingNanos, now - lastRecordNanos)) {
            sendPending();
        } else {
            flusher.mirror(pending);
        }
    }

    /**
     * Buffers the records not accepted before (Connect re-delivers them after a retriable failure). Kept apart
     * from {@link #write}: only this loop runs per record, so the JIT compiles it alone rather than with the
     * whole flush pipeline inlined around it (a profile showed that compile as our biggest).
     */
    private void accept(Collection<SinkRecord> records, long now) {
        for (SinkRecord record : records) {
            if (accepted.accept(record)) {
                if (pending.isEmpty()) {
                    firstPendingNanos = now;
                }
                pending.add(record);
                lastRecordNanos = now;
            }
        }
    }

    /** Submits the buffer, first waiting for the oldest batch when all sender threads are busy (bounds memory). */
    private void sendPending() {
        if (flusher.full()) {
            collect(flusher.await());
        }
        if (!pending.isEmpty()) {
            flusher.submit(pending);
            pending.clear();
            retryDue = false;
        }
    }

    /** Applies a batch outcome: unsent records back in front, rejected ones to the DLQ, failures rethrown. */
    private void collect(BatchResult result) {
        if (result == null) {
            return;
        }
        if (!result.unresolved().isEmpty()) {
            if (pending.isEmpty()) {
                firstPendingNanos = clock.getAsLong();
            }
            pending.addAll(0, result.unresolved());
        }
        result.rejected().forEach(r -> reject(r.record(), r.error()));
        if (result.failure() instanceof FlushFailedException transientFailure) {
            retryDue = true;
            transientFailures++;
            throw transientFailure;
        } else if (result.failure() != null) {
            fatal = result.failure();
            throw fatal;
        }
        transientFailures = 0;
    }

    /** Transient flush failures since the last batch that went through (drives the task's backoff). */
    public int transientFailures() {
        return transientFailures;
    }

    private void reject(SinkRecord record, DataException error) {
        try {
            errant.report(record, error);
            metrics.errant();
        } catch (RuntimeException e) {
            fatal = e;
            throw e;
        }
    }

    private void failIfFatal() {
        if (fatal != null) {
            throw new ConnectException("The QuestDB writer failed earlier: " + fatal.getMessage(), fatal);
        }
    }

    /** How long until put() must run again (a buffer due, or a flush result to collect); -1 when idle. */
    public long millisUntilDue() {
        long due = -1;
        if (!pending.isEmpty()) {
            long now = clock.getAsLong();
            due = policy.millisUntilDue(now - firstPendingNanos, now - lastRecordNanos);
        }
        return flusher.busy() ? (due < 0 ? IN_FLIGHT_POLL_MS : Math.min(due, IN_FLIGHT_POLL_MS)) : due;
    }

    /**
     * Sends every buffered record and waits until QuestDB answered (before an offset commit).
     *
     * @throws FlushFailedException for a transient failure (records kept); ConnectException for a fatal one
     */
    public void flush() {
        failIfFatal();
        sendPending();
        while (flusher.busy()) {
            collect(flusher.await());
        }
    }

    /**
     * The offsets safe to commit for {@code partitions} (as consumed, before any SMT renamed the topic): up to the
     * first record not yet acknowledged (buffered or in flight), or past the last accepted record when the
     * partition has none. Nothing after a fatal error.
     */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets(Collection<TopicPartition> partitions) {
        if (fatal != null) {
            return new HashMap<>();
        }
        List<List<SinkRecord>> unacked = new ArrayList<>(flusher.inFlight());
        unacked.add(pending);
        return accepted.committable(partitions, unacked);
    }

    /**
     * Forgets {@code partitions} (revoked): waits for the batches in flight, then drops their buffered records,
     * which will be re-consumed by the partitions' next owner.
     */
    public void forget(Collection<TopicPartition> partitions) {
        while (flusher.busy()) {
            try {
                collect(flusher.await());
            } catch (FlushFailedException e) {
                // The unsent records are back in the buffer; those of the revoked partitions are dropped below.
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
        pending.removeIf(r -> AcceptedOffsets.consumedFromAny(partitions, r));
        accepted.forget(partitions);
        flusher.mirror(pending);
    }

    /** Records buffered or in flight. */
    public int buffered() {
        return pending.size() + flusher.inFlight().stream().mapToInt(List::size).sum();
    }

    /** Lets the batches in flight finish, closes the senders and ends the sender threads. */
    @Override
    public void close() {
        flusher.close();
    }

    /** A flush failed for a transient reason; every unacknowledged row is still held. */
    public static final class FlushFailedException extends RetriableException {
        private static final long serialVersionUID = 1L;

        public FlushFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
