package io.tsconnect.questdb;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.questdb.QuestDbWriter.FlushFailedException;

/**
 * Two {@link BatchSender}s, each on its own sender thread, taking batches in turn: while one converts and
 * encodes a batch, the other's request is with QuestDB, and the task thread meanwhile polls Kafka for the next
 * one. The batch being filled is converted as it grows ({@link #mirror}): each chunk of records goes to a
 * sender thread as soon as put() received it, while it is still in the CPU cache, rather than as one cold
 * 50,000-record batch at flush time. A batch is flushed only after the one before it was acknowledged, so rows
 * land in offset order (an upsert table keeps the last one), and results are taken in the order the batches
 * were submitted. At most {@link #DEPTH} batches are open or in flight; in-flight ones stay visible to the task
 * thread ({@link #inFlight()}) until their results are taken, so their offsets are never committed before
 * QuestDB acknowledged them. Only the task thread calls this class.
 */
final class FlushPipeline implements AutoCloseable {
    /** Batches in flight at most: one being encoded while the one before it is being acknowledged. */
    static final int DEPTH = 2;
    private static final Logger log = LoggerFactory.getLogger(FlushPipeline.class);

    private final List<BatchSender> senders;
    private final List<ExecutorService> threads = new ArrayList<>();
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private int next;
    private Future<Boolean> lastTurn;
    /** The batch being converted as the task thread's buffer fills, or null. */
    private Open open;

    /** A submitted batch and its result to come. */
    private record InFlight(List<SinkRecord> batch, Future<BatchResult> result) {
    }

    /** The batch being filled: the records handed to its sender thread so far, in order. */
    private record Open(int sender, BatchSender.Progress progress, List<SinkRecord> records) {
    }

    /**
     * @param senders one sender per thread ({@link #DEPTH} of them)
     * @param threadName the sender threads' name prefix (names the task in thread dumps)
     */
    FlushPipeline(List<BatchSender> senders, String threadName) {
        this.senders = List.copyOf(senders);
        for (int i = 0; i < this.senders.size(); i++) {
            String name = threadName + "-" + i;
            threads.add(Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, name);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /** True while a batch is in flight or its result has not been taken. */
    boolean busy() {
        return !inFlight.isEmpty();
    }

    /** True when no further batch may be submitted before a result is taken. */
    boolean full() {
        return open == null && inFlight.size() >= senders.size();
    }

    /**
     * Makes the open batch mirror {@code buffer}, the task thread's buffer of records to send: hands the records
     * added since the last call to the batch's sender thread, opening a batch when a sender is free. When the
     * buffer changed other than by appending (records put back in front after a failure, or dropped), the open
     * batch is abandoned and started afresh; its conversion is simply done again.
     */
    void mirror(List<SinkRecord> buffer) {
        if (open != null && !mirrors(buffer)) {
            Open abandoned = open;
            open = null;
            threads.get(abandoned.sender()).execute(senders.get(abandoned.sender())::discard);
            next = abandoned.sender();
        }
        if (buffer.isEmpty() || open == null && inFlight.size() >= senders.size()) {
            return;
        }
        if (open == null) {
            open = new Open(next, senders.get(next).begin(), new ArrayList<>());
            next = (next + 1) % senders.size();
        }
        if (buffer.size() > open.records().size()) {
            List<SinkRecord> chunk = List.copyOf(buffer.subList(open.records().size(), buffer.size()));
            open.records().addAll(chunk);
            BatchSender sender = senders.get(open.sender());
            BatchSender.Progress progress = open.progress();
            threads.get(open.sender()).execute(() -> sender.encode(progress, chunk));
        }
    }

    /**
     * True when the open batch holds the start of {@code buffer}, record for record. Records are distinct
     * objects, so comparing the ends suffices: records put back in front change the first, a record dropped
     * from the middle moves the last one's position.
     */
    private boolean mirrors(List<SinkRecord> buffer) {
        int size = open.records().size();
        return size <= buffer.size() && (size == 0 || open.records().get(0) == buffer.get(0)
            && open.records().get(size - 1) == buffer.get(size - 1));
    }

    /** The records of the batches in flight, oldest first (empty when idle). */
    List<List<SinkRecord>> inFlight() {
        return inFlight.stream().map(InFlight::batch).toList();
    }

    /**
     * Sends {@code batch}, the task thread's whole buffer: what the open batch has not converted yet is handed
     * to its sender thread, then the batch is flushed there. The pipeline must not be {@link #full()}.
     */
    void submit(List<SinkRecord> batch) {
        mirror(batch);
        if (open == null) {
            throw new IllegalStateException("The sender threads are all busy");
        }
        Open sealed = open;
        open = null;
        BatchSender sender = senders.get(sealed.sender());
        // With nothing in flight every earlier result was taken (a failed batch is back in the buffer): no wait.
        Future<Boolean> turn = inFlight.isEmpty() ? CompletableFuture.completedFuture(true) : lastTurn;
        CompletableFuture<Boolean> landed = new CompletableFuture<>();
        lastTurn = landed;
        List<SinkRecord> records = sealed.records();
        Future<BatchResult> result = threads.get(sealed.sender()).submit(() -> {
            BatchResult outcome = null;
            try {
                outcome = sender.finish(sealed.progress(), records, turn);
                return outcome;
            } finally {
                landed.complete(outcome != null && outcome.failure() == null);
            }
        });
        inFlight.addLast(new InFlight(records, result));
    }

    /** The result of the oldest batch in flight if it is done, else null (never blocks). */
    BatchResult poll() {
        return !inFlight.isEmpty() && inFlight.peekFirst().result().isDone() ? await() : null;
    }

    /**
     * Waits for the oldest batch in flight and takes its result; null when idle. When it failed, the later
     * batches (which were not flushed behind it) are taken too, their records appended in order.
     *
     * @throws FlushFailedException when interrupted (the batches stay in flight)
     */
    BatchResult await() {
        if (inFlight.isEmpty()) {
            return null;
        }
        BatchResult result = take();
        while (result.failure() != null && !inFlight.isEmpty()) {
            BatchResult later = take();
            List<SinkRecord> unresolved = new ArrayList<>(result.unresolved());
            unresolved.addAll(later.unresolved());
            List<BatchResult.Rejected> rejected = new ArrayList<>(result.rejected());
            rejected.addAll(later.rejected());
            result = new BatchResult(unresolved, rejected, result.failure());
        }
        return result;
    }

    private BatchResult take() {
        InFlight oldest = inFlight.peekFirst();
        BatchResult result;
        try {
            result = oldest.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlushFailedException("Interrupted while waiting for a flush to QuestDB", e);
        } catch (ExecutionException e) {
            result = new BatchResult(oldest.batch(), List.of(), new ConnectException("QuestDB sender thread failed",
                e.getCause()));
        }
        inFlight.removeFirst();
        return result;
    }

    /**
     * Lets the batches in flight finish (their results are dropped: their offsets were not committed, so the
     * records are re-delivered to whoever owns the partitions next), closes the senders on their threads and
     * ends the threads. A second call does nothing.
     */
    void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < threads.size(); i++) {
            ExecutorService thread = threads.get(i);
            if (!thread.isShutdown()) {
                thread.submit(senders.get(i)::close);
                thread.shutdown();
            }
        }
        for (ExecutorService thread : threads) {
            try {
                if (!thread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("QuestDB sender thread did not finish within {} ms; interrupting it",
                        timeout.toMillis());
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        inFlight.clear();
        open = null;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
