package io.tsconnect.questdb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.questdb.client.Sender;
import io.questdb.client.cutlass.line.LineSenderException;
import io.tsconnect.questdb.QuestDbWriter.FlushFailedException;

/**
 * Converts a batch of records into rows chunk by chunk as the task thread receives them ({@link #begin},
 * {@link #encode(Progress, List)}) and sends it through a questdb-client {@link Sender} when it is due
 * ({@link #finish}), on one sender thread only (neither the client nor the {@link RecordMapper} is thread-safe,
 * so each sender thread has its own). Converting here keeps the task thread free for Kafka and Connect's
 * converters, and a record is converted and encoded right after Connect made it, while it is still in the CPU
 * cache.
 *
 * <p>A record that cannot be converted, or that the client or QuestDB rejects, is resolved as rejected (the
 * task thread sends it to the DLQ). A batch QuestDB rejects for its data is split in halves until each bad row
 * stands alone; a transient failure stops the batch with the unsent records kept for a retry. Nothing here
 * talks to Connect: the outcome is applied on the task thread.
 */
final class BatchSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchSender.class);

    private final Supplier<Sender> senders;
    private final RecordMapper mapper;
    private final TableCreator tables;
    private final WriterMetrics metrics;
    private final LongSupplier clock;
    /** Reused for every record this thread converts. */
    private final Row row = new Row();
    /** The table of the previous row, known to exist (rows of a batch mostly share one). */
    private String ensuredTable;
    private Sender sender;
    /**
     * Whether the sender's buffer may hold rows: it is emptied before a batch only then. The client empties it
     * itself after a successful flush, and a needless {@code reset()} would be the one call per batch to take a
     * branch in the client (the first row after a reset starts its auto-flush clock) that the JIT saw in no other
     * row: the compiled encoding code would be thrown away and compiled again at the next batch.
     */
    private boolean buffered;

    /**
     * @param senders opens a sender (may throw {@link LineSenderException} when QuestDB is unreachable)
     * @param mapper this sender thread's own mapper
     * @param tables creates tables before their first row (thread-safe), or null
     * @param clock nanosecond clock for the flush latency
     */
    BatchSender(Supplier<Sender> senders, RecordMapper mapper, TableCreator tables, WriterMetrics metrics,
                LongSupplier clock) {
        this.senders = senders;
        this.mapper = mapper;
        this.tables = tables;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Starts a batch: the sender's buffer is emptied at its first chunk. */
    Progress begin() {
        return new Progress();
    }

    /**
     * Converts and encodes one chunk of the batch, right after the task thread received it (the records are
     * still in the CPU cache); never throws: a failure is kept for {@link #finish}, and later chunks are skipped.
     */
    void encode(Progress progress, List<SinkRecord> chunk) {
        if (progress.failure != null) {
            return;
        }
        try {
            if (!progress.begun) {
                Sender open = sender();
                if (buffered) {
                    open.reset();
                    buffered = false;
                }
                progress.begun = true;
            }
            progress.rows += encode(sender, chunk, progress.resolved, progress.rejected);
        } catch (RuntimeException e) {
            progress.failure = e;
        }
    }

    /**
     * Flushes the encoded batch once {@code turn} says the batch before it was acknowledged; never throws.
     * When that batch failed, this one is not sent at all (it comes back whole, behind the earlier rows), so
     * rows land in offset order. The common case costs no bookkeeping: records are marked resolved only once
     * one is rejected or the batch has to be split.
     *
     * @param batch every record of the batch, in the order its chunks were encoded
     */
    BatchResult finish(Progress progress, List<SinkRecord> batch, Future<Boolean> turn) {
        Set<SinkRecord> resolved = progress.resolved;
        try {
            if (progress.failure != null) {
                throw progress.failure;
            }
            if (!predecessorLanded(turn)) {
                discard();
                return new BatchResult(batch, List.of(), new FlushFailedException("An earlier batch failed", null));
            }
            IlpFailure failure = progress.begun ? flush(sender, progress.rows) : null;
            if (failure != null) {
                split(batch, failure, resolved, progress.rejected);
            }
            return new BatchResult(List.of(), progress.rejected, null);
        } catch (RuntimeException e) {
            List<SinkRecord> unresolved = batch.stream().filter(r -> !resolved.contains(r)).toList();
            return new BatchResult(unresolved, progress.rejected, e);
        }
    }

    /** Drops what a batch left in the sender's buffer (it was abandoned, or will not be sent); never throws. */
    void discard() {
        if (sender != null) {
            discardBuffer(false);
        }
    }

    /** A batch being encoded chunk by chunk; only its sender thread touches it after {@link #begin}. */
    static final class Progress {
        private final Set<SinkRecord> resolved = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<BatchResult.Rejected> rejected = new ArrayList<>();
        private int rows;
        private boolean begun;
        private RuntimeException failure;
    }

    private static boolean predecessorLanded(Future<Boolean> turn) {
        try {
            return turn.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlushFailedException("Interrupted while waiting for the previous batch", e);
        } catch (ExecutionException e) {
            return false;
        }
    }

    private void sendOrSplit(List<SinkRecord> batch, Set<SinkRecord> resolved,
                             List<BatchResult.Rejected> rejected) {
        IlpFailure failure = attempt(batch, resolved, rejected);
        if (failure == null) {
            resolved.addAll(batch);
        } else {
            split(batch, failure, resolved, rejected);
        }
    }

    private void split(List<SinkRecord> batch, IlpFailure failure, Set<SinkRecord> resolved,
                       List<BatchResult.Rejected> rejected) {
        List<SinkRecord> left = batch.stream().filter(r -> !resolved.contains(r)).toList();
        if (left.size() == 1) {
            SinkRecord bad = left.get(0);
            log.warn("QuestDB rejected the row of {}: {}", RecordIds.of(bad), failure);
            rejected.add(new BatchResult.Rejected(bad, new DataException("QuestDB rejected the row (" + failure
                + "): " + failure.message())));
            resolved.add(bad);
            return;
        }
        int half = left.size() / 2;
        sendOrSplit(left.subList(0, half), resolved, rejected);
        sendOrSplit(left.subList(half, left.size()), resolved, rejected);
    }

    /** One request with the unresolved records of {@code batch}: null on success, the failure for a data error. */
    private IlpFailure attempt(List<SinkRecord> batch, Set<SinkRecord> resolved,
                               List<BatchResult.Rejected> rejected) {
        return flush(sender, encodeAfresh(batch, resolved, rejected));
    }

    /** Empties the (opened) sender's buffer and encodes the unresolved records of {@code batch} into it. */
    private int encodeAfresh(List<SinkRecord> batch, Set<SinkRecord> resolved, List<BatchResult.Rejected> rejected) {
        Sender open = sender();
        open.reset();
        return encode(open, batch, resolved, rejected);
    }

    /** Sends what the buffer holds: null on success, the failure for a data error; throws for the others. */
    private IlpFailure flush(Sender open, int rows) {
        if (rows == 0) {
            return null;
        }
        long start = clock.getAsLong();
        try {
            open.flush();
            buffered = false;
            metrics.flushed(rows, clock.getAsLong() - start);
            return null;
        } catch (LineSenderException e) {
            IlpFailure failure = IlpFailure.classify(e);
            discardBuffer(failure.kind() == IlpFailure.Kind.TRANSIENT);
            return switch (failure.kind()) {
                case TRANSIENT -> throw new FlushFailedException("Flush to QuestDB failed: " + failure, e);
                case FATAL -> throw new ConnectException("QuestDB refused the write (" + failure + "): "
                    + e.getMessage(), e);
                default -> failure;
            };
        }
    }

    /**
     * Converts the unresolved records of {@code batch} into the client's buffer; records that cannot be
     * converted or that the client rejects are resolved as rejected, ignored tombstones as done.
     *
     * @return the rows encoded
     */
    private int encode(Sender open, List<SinkRecord> batch, Set<SinkRecord> resolved,
                       List<BatchResult.Rejected> rejected) {
        int rows = 0;
        buffered = true;
        for (SinkRecord record : batch) {
            if (!resolved.isEmpty() && resolved.contains(record)) {
                continue;
            }
            try {
                if (!mapper.map(record, row)) {
                    resolved.add(record);
                    continue;
                }
                if (tables != null && !row.table().equals(ensuredTable)) {
                    tables.ensure(row.table(), mapper.symbolsOf(record.topic()));
                    ensuredTable = row.table();
                }
                RowSender.write(open, row);
                rows++;
            } catch (DataException e) {
                rejected.add(new BatchResult.Rejected(record, e));
                resolved.add(record);
            } catch (RetriableException e) {
                throw e instanceof FlushFailedException ? e : new FlushFailedException(e.getMessage(), e);
            }
        }
        return rows;
    }

    private void discardBuffer(boolean reconnect) {
        try {
            sender.reset();
            buffered = false;
        } catch (LineSenderException e) {
            reconnect = true;
        }
        if (reconnect) {
            close();
        }
    }

    /** The open sender, opening it if needed. */
    private Sender sender() {
        if (sender == null) {
            try {
                sender = senders.get();
            } catch (LineSenderException e) {
                throw new FlushFailedException("QuestDB is unreachable: " + e.getMessage(), e);
            }
        }
        return sender;
    }

    @Override
    public void close() {
        if (sender != null) {
            try {
                sender.reset();
                sender.close();
            } catch (LineSenderException e) {
                log.debug("Closing the QuestDB sender: {}", e.getMessage());
            } finally {
                sender = null;
                buffered = false;
            }
        }
    }
}
