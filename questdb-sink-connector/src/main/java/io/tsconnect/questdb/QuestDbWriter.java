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

/**
 * Converts records into rows on the task thread and hands full buffers to an {@link AsyncFlusher}, which sends
 * them on its own thread while the next buffer fills (flush on row count, age or idleness).
 *
 * <p>Delivery: a record's offset becomes committable only once its row was acknowledged by QuestDB or the
 * record was handed to the DLQ ({@link #committableOffsets}); rows in flight count as not written. A batch
 * that fails for a transient reason comes back ahead of the newer rows, in order, and is retried after the
 * task's backoff; the records Connect re-delivers after the {@link RetriableException} are recognised by
 * offset and not buffered twice. A batch QuestDB rejects for its data is split in halves until the bad rows
 * are isolated; they go to the {@link ErrantRecords} (on this thread) while the rest land.
 */
public final class QuestDbWriter implements AutoCloseable {
    /** How often put() is re-entered to collect an in-flight result when nothing else is due. */
    static final long IN_FLIGHT_POLL_MS = 10;

    private final RecordMapper mapper;
    private final TableCreator tables;
    private final ErrantRecords errant;
    private final FlushPolicy policy;
    private final WriterMetrics metrics;
    private final LongSupplier clock;
    private final AsyncFlusher flusher;
    private final List<PendingRow> pending = new ArrayList<>();
    private final Map<TopicPartition, Long> accepted = new HashMap<>();
    private TopicPartition lastPartition;
    private long firstPendingNanos;
    private long lastRecordNanos;
    private boolean retryDue;
    private int transientFailures;
    private RuntimeException fatal;

    /**
     * @param senders opens a sender on the sender thread (may throw when QuestDB is unreachable)
     * @param tables creates tables before their first row, or null
     * @param clock nanosecond clock (System::nanoTime; tests pass their own)
     * @param threadName the sender thread's name
     */
    public QuestDbWriter(Supplier<Sender> senders, RecordMapper mapper, TableCreator tables, ErrantRecords errant,
                         FlushPolicy policy, WriterMetrics metrics, LongSupplier clock, String threadName) {
        this.mapper = mapper;
        this.tables = tables;
        this.errant = errant;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        this.flusher = new AsyncFlusher(new BatchSender(senders, metrics, clock), threadName);
    }

    /**
     * Buffers {@code records}, takes the result of a finished flush and starts the next one when due.
     *
     * @throws FlushFailedException when a flush failed for a transient reason: nothing is lost, retry later
     * @throws ConnectException when QuestDB refused the writes for good, or a bad record cannot be reported
     */
    public void write(Collection<SinkRecord> records) {
        failIfFatal();
        long now = clock.getAsLong();
        for (SinkRecord record : records) {
            TopicPartition tp = partitionOf(record);
            Long seen = accepted.get(tp);
            if (seen != null && record.kafkaOffset() <= seen) {
                continue;
            }
            add(record);
            // Only now: a record whose conversion threw (e.g. table creation failed) is taken again on re-delivery.
            accepted.put(tp, record.kafkaOffset());
            lastRecordNanos = now;
        }
        collect(flusher.poll());
        if (retryDue || policy.due(pending.size(), now - firstPendingNanos, now - lastRecordNanos)) {
            sendPending();
        }
    }

    /** The record's partition, reusing the previous record's object (a batch is mostly one partition). */
    private TopicPartition partitionOf(SinkRecord record) {
        TopicPartition last = lastPartition;
        if (last == null || last.partition() != record.kafkaPartition() || !last.topic().equals(record.topic())) {
            last = new TopicPartition(record.topic(), record.kafkaPartition());
            lastPartition = last;
        }
        return last;
    }

    private void add(SinkRecord record) {
        Row row;
        try {
            row = mapper.map(record);
            if (row == null) {
                return;
            }
            if (tables != null) {
                tables.ensure(row.table(), mapper.symbolsOf(record.topic()));
            }
        } catch (RetriableException e) {
            transientFailures++;
            throw e;
        } catch (DataException e) {
            reject(record, e);
            return;
        }
        if (pending.isEmpty()) {
            firstPendingNanos = clock.getAsLong();
        }
        pending.add(new PendingRow(record, row));
    }

    /** Submits the buffer, first waiting for the batch in flight (which bounds memory to two buffers). */
    private void sendPending() {
        if (flusher.busy()) {
            collect(flusher.await());
        }
        if (!pending.isEmpty()) {
            flusher.submit(List.copyOf(pending));
            pending.clear();
            retryDue = false;
        }
    }

    /** Applies a batch outcome: unsent rows back in front, rejected rows to the DLQ, failures rethrown. */
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
        result.rejected().forEach(r -> reject(r.row().record(), r.error()));
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
     * Sends every buffered row and waits until QuestDB answered (before an offset commit).
     *
     * @throws FlushFailedException for a transient failure (rows kept); ConnectException for a fatal one
     */
    public void flush() {
        failIfFatal();
        sendPending();
        collect(flusher.await());
    }

    /**
     * The offsets safe to commit for {@code partitions}: up to the first row not yet acknowledged (buffered or
     * in flight), or past the last accepted record when the partition has none. Nothing after a fatal error.
     */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        if (fatal != null) {
            return offsets;
        }
        Map<TopicPartition, Long> firstUnacked = new HashMap<>();
        for (List<PendingRow> rows : List.of(flusher.inFlight(), pending)) {
            for (PendingRow p : rows) {
                firstUnacked.merge(new TopicPartition(p.record().topic(), p.record().kafkaPartition()),
                    p.record().kafkaOffset(), Math::min);
            }
        }
        for (TopicPartition tp : partitions) {
            Long next = firstUnacked.containsKey(tp) ? firstUnacked.get(tp)
                : accepted.containsKey(tp) ? accepted.get(tp) + 1 : null;
            if (next != null) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    /**
     * Forgets {@code partitions} (revoked): waits for the batch in flight, then drops their buffered rows,
     * which will be re-consumed by the partitions' next owner.
     */
    public void forget(Collection<TopicPartition> partitions) {
        try {
            collect(flusher.await());
        } catch (FlushFailedException e) {
            // The unsent rows are back in the buffer; those of the revoked partitions are dropped below.
        }
        pending.removeIf(p -> partitions.contains(new TopicPartition(p.record().topic(), p.record().kafkaPartition())));
        partitions.forEach(accepted::remove);
    }

    /** Rows buffered or in flight. */
    public int buffered() {
        return pending.size() + flusher.inFlight().size();
    }

    /** Lets the batch in flight finish, closes the sender and ends the sender thread. */
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
