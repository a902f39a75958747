package io.tsconnect.questdb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.questdb.client.Sender;
import io.questdb.client.cutlass.line.LineSenderException;
import io.tsconnect.questdb.QuestDbWriter.FlushFailedException;

/**
 * Sends one batch of rows through a questdb-client {@link Sender} and reports what happened, on the sender
 * thread only (the client is not thread-safe). A batch QuestDB rejects for its data is split in halves until
 * each bad row stands alone; a transient failure stops the batch with the unsent rows kept for a retry.
 * Nothing here talks to Connect: the outcome is applied on the task thread.
 */
final class BatchSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchSender.class);

    private final Supplier<Sender> senders;
    private final WriterMetrics metrics;
    private final LongSupplier clock;
    private Sender sender;

    /**
     * @param senders opens a sender (may throw {@link LineSenderException} when QuestDB is unreachable)
     * @param clock nanosecond clock for the flush latency
     */
    BatchSender(Supplier<Sender> senders, WriterMetrics metrics, LongSupplier clock) {
        this.senders = senders;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Sends {@code batch}; never throws. The common case costs no bookkeeping: rows are marked resolved only once
     * the batch has to be split.
     */
    BatchResult send(List<PendingRow> batch) {
        Set<PendingRow> resolved = Collections.newSetFromMap(new IdentityHashMap<>());
        List<BatchResult.Rejected> rejected = new ArrayList<>();
        try {
            IlpFailure failure = attempt(batch, resolved, rejected);
            if (failure != null) {
                split(batch, failure, resolved, rejected);
            }
            return new BatchResult(List.of(), rejected, null);
        } catch (RuntimeException e) {
            List<PendingRow> unresolved = batch.stream().filter(p -> !resolved.contains(p)).toList();
            return new BatchResult(unresolved, rejected, e);
        }
    }

    private void sendOrSplit(List<PendingRow> batch, Set<PendingRow> resolved, List<BatchResult.Rejected> rejected) {
        IlpFailure failure = attempt(batch, resolved, rejected);
        if (failure == null) {
            resolved.addAll(batch);
        } else {
            split(batch, failure, resolved, rejected);
        }
    }

    private void split(List<PendingRow> batch, IlpFailure failure, Set<PendingRow> resolved,
                       List<BatchResult.Rejected> rejected) {
        if (batch.size() == 1) {
            PendingRow bad = batch.get(0);
            log.warn("QuestDB rejected the row of {}: {}", RecordIds.of(bad.record()), failure);
            rejected.add(new BatchResult.Rejected(bad, new DataException("QuestDB rejected the row (" + failure
                + "): " + failure.message())));
            resolved.add(bad);
            return;
        }
        int half = batch.size() / 2;
        sendOrSplit(batch.subList(0, half), resolved, rejected);
        sendOrSplit(batch.subList(half, batch.size()), resolved, rejected);
    }

    /** One request with the unresolved rows of {@code batch}: null on success, the failure for a data error. */
    private IlpFailure attempt(List<PendingRow> batch, Set<PendingRow> resolved,
                               List<BatchResult.Rejected> rejected) {
        long start = clock.getAsLong();
        Sender open = sender();
        try {
            open.reset();
            int rows = encode(open, batch, resolved, rejected);
            if (rows > 0) {
                open.flush();
                metrics.flushed(rows, clock.getAsLong() - start);
            }
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

    /** Fills the client's buffer; rows the client itself rejects are resolved as rejected. */
    private static int encode(Sender open, List<PendingRow> batch, Set<PendingRow> resolved,
                              List<BatchResult.Rejected> rejected) {
        int rows = 0;
        for (PendingRow p : batch) {
            if (!resolved.isEmpty() && resolved.contains(p)) {
                continue;
            }
            try {
                RowSender.write(open, p.row());
                rows++;
            } catch (DataException e) {
                rejected.add(new BatchResult.Rejected(p, e));
                resolved.add(p);
            }
        }
        return rows;
    }

    private void discardBuffer(boolean reconnect) {
        try {
            sender.reset();
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
            }
        }
    }
}
