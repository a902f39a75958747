package io.tsconnect.questdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.questdb.client.Sender;
import io.questdb.client.cutlass.line.LineSenderException;

/**
 * Buffers converted rows in a questdb-client {@link Sender} and flushes them on row count, age or idleness.
 *
 * <p>Delivery: a record's offset becomes committable only once its row was acknowledged by QuestDB or the
 * record was handed to the DLQ ({@link #committableOffsets}). A flush that fails for a transient reason keeps
 * every row and is retried; the records Connect re-delivers after the resulting {@link RetriableException} are
 * recognised by offset and not buffered twice. A flush QuestDB rejects for its data is split in halves until
 * the bad rows are isolated; they go to the {@link ErrantRecords} while the rest land.
 */
public final class QuestDbWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QuestDbWriter.class);

    private final Supplier<Sender> senders;
    private final RecordMapper mapper;
    private final TableCreator tables;
    private final ErrantRecords errant;
    private final FlushPolicy policy;
    private final WriterMetrics metrics;
    private final LongSupplier clock;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<TopicPartition, Long> accepted = new HashMap<>();
    private Sender sender;
    private boolean bufferInSync = true;
    private long firstPendingNanos;
    private long lastRecordNanos;

    /** A buffered record and its row. */
    record Pending(SinkRecord record, Row row) {
    }

    /**
     * @param senders opens a sender (may throw {@link LineSenderException} when QuestDB is unreachable)
     * @param tables creates tables before their first row, or null
     * @param clock nanosecond clock (System::nanoTime; tests pass their own)
     */
    public QuestDbWriter(Supplier<Sender> senders, RecordMapper mapper, TableCreator tables, ErrantRecords errant,
                         FlushPolicy policy, WriterMetrics metrics, LongSupplier clock) {
        this.senders = senders;
        this.mapper = mapper;
        this.tables = tables;
        this.errant = errant;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Buffers {@code records} and flushes when due.
     *
     * @throws FlushFailedException when QuestDB is unreachable: nothing is lost, retry later
     */
    public void write(Collection<SinkRecord> records) {
        long now = clock.getAsLong();
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            Long seen = accepted.get(tp);
            if (seen != null && record.kafkaOffset() <= seen) {
                continue;
            }
            accepted.put(tp, record.kafkaOffset());
            add(record);
            lastRecordNanos = now;
        }
        if (policy.due(pending.size(), now - firstPendingNanos, now - lastRecordNanos)) {
            flush();
        }
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
            if (bufferInSync && sender() != null) {
                RowSender.write(sender, row);
            }
        } catch (DataException e) {
            errant.report(record, e);
            metrics.errant();
            return;
        }
        if (pending.isEmpty()) {
            firstPendingNanos = clock.getAsLong();
        }
        pending.add(new Pending(record, row));
    }

    /** How long until a buffered row must be flushed, or -1 when nothing is buffered. */
    public long millisUntilDue() {
        if (pending.isEmpty()) {
            return -1;
        }
        long now = clock.getAsLong();
        return policy.millisUntilDue(now - firstPendingNanos, now - lastRecordNanos);
    }

    /**
     * Sends every buffered row.
     *
     * @throws FlushFailedException for a transient failure (rows kept); ConnectException for a fatal one
     */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = List.copyOf(pending);
        Set<Pending> resolved = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            send(batch, resolved);
        } finally {
            pending.removeIf(resolved::contains);
            if (pending.isEmpty()) {
                bufferInSync = true;
            }
        }
    }

    /** Sends {@code batch}; on a data error, halves it until each bad row stands alone and goes to the DLQ. */
    private void send(List<Pending> batch, Set<Pending> resolved) {
        IlpFailure failure = attempt(batch, resolved);
        if (failure == null) {
            resolved.addAll(batch);
            return;
        }
        if (batch.size() == 1) {
            Pending bad = batch.get(0);
            log.warn("QuestDB rejected the row of {}: {}", RecordIds.of(bad.record()), failure);
            errant.report(bad.record(), new DataException("QuestDB rejected the row (" + failure + "): "
                + failure.message()));
            metrics.errant();
            resolved.add(bad);
            return;
        }
        int half = batch.size() / 2;
        send(batch.subList(0, half), resolved);
        send(batch.subList(half, batch.size()), resolved);
    }

    /** One request with exactly {@code batch}: null on success, the failure when the server rejected the data. */
    private IlpFailure attempt(List<Pending> batch, Set<Pending> resolved) {
        long start = clock.getAsLong();
        try {
            if (sender() == null) {
                throw new FlushFailedException("QuestDB is unreachable", null);
            }
            if (!bufferInSync || batch.size() != pending.size()) {
                rebuild(batch, resolved);
            }
            sender.flush();
            metrics.flushed(batch.size(), clock.getAsLong() - start);
            bufferInSync = true;
            return null;
        } catch (LineSenderException e) {
            IlpFailure failure = IlpFailure.classify(e);
            discardBuffer(failure.kind() == IlpFailure.Kind.TRANSIENT);
            switch (failure.kind()) {
                case TRANSIENT -> throw new FlushFailedException("Flush to QuestDB failed: " + failure, e);
                case FATAL -> throw new ConnectException("QuestDB refused the write (" + failure + "): "
                    + e.getMessage(), e);
                default -> {
                    return failure;
                }
            }
        }
    }

    /** Refills the sender's buffer with {@code batch}; rows the client now rejects go to the DLQ. */
    private void rebuild(List<Pending> batch, Set<Pending> resolved) {
        sender.reset();
        bufferInSync = false;
        for (Pending p : batch) {
            if (resolved.contains(p)) {
                continue;
            }
            try {
                RowSender.write(sender, p.row());
            } catch (DataException e) {
                // Only reachable when the row was buffered while the sender could not be opened.
                errant.report(p.record(), e);
                metrics.errant();
                resolved.add(p);
            }
        }
    }

    private void discardBuffer(boolean reconnect) {
        bufferInSync = false;
        try {
            sender.reset();
        } catch (LineSenderException e) {
            reconnect = true;
        }
        if (reconnect) {
            closeSender();
        }
    }

    /** The open sender, opening it if needed; null (and a retry later) when QuestDB cannot be reached. */
    private Sender sender() {
        if (sender == null) {
            try {
                sender = senders.get();
                bufferInSync = pending.isEmpty();
            } catch (LineSenderException e) {
                log.warn("Cannot connect to QuestDB: {}", e.getMessage());
                bufferInSync = false;
                return null;
            }
        }
        return sender;
    }

    /**
     * The offsets safe to commit for {@code partitions}: up to the first still-buffered record, or past the last
     * accepted one when the partition has nothing buffered.
     */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> firstPending = new HashMap<>();
        for (Pending p : pending) {
            firstPending.merge(new TopicPartition(p.record().topic(), p.record().kafkaPartition()),
                p.record().kafkaOffset(), Math::min);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long next = firstPending.containsKey(tp) ? firstPending.get(tp)
                : accepted.containsKey(tp) ? accepted.get(tp) + 1 : null;
            if (next != null) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    /** Forgets {@code partitions} (revoked): their buffered rows are dropped and will be re-consumed elsewhere. */
    public void forget(Collection<TopicPartition> partitions) {
        boolean removed = pending.removeIf(p -> partitions.contains(
            new TopicPartition(p.record().topic(), p.record().kafkaPartition())));
        if (removed) {
            bufferInSync = false;
        }
        partitions.forEach(accepted::remove);
    }

    /** Rows waiting for a flush. */
    public int buffered() {
        return pending.size();
    }

    @Override
    public void close() {
        closeSender();
    }

    private void closeSender() {
        if (sender != null) {
            try {
                sender.reset();
                sender.close();
            } catch (LineSenderException e) {
                log.debug("Closing the QuestDB sender: {}", e.getMessage());
            } finally {
                sender = null;
            }
        }
    }

    /** A flush failed for a transient reason; every row is still buffered. */
    public static final class FlushFailedException extends RetriableException {
        private static final long serialVersionUID = 1L;

        public FlushFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
