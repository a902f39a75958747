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
 * one. A batch is flushed only after the one before it was acknowledged, so rows land in offset order (an
 * upsert table keeps the last one), and results are taken in the order the batches were submitted. At most
 * {@link #DEPTH} batches are in flight; they stay visible to the task thread ({@link #inFlight()}) until their
 * results are taken, so their offsets are never committed before QuestDB acknowledged them. Only the task
 * thread calls this class.
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

    /** A submitted batch and its result to come. */
    private record InFlight(List<SinkRecord> batch, Future<BatchResult> result) {
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
        return inFlight.size() >= senders.size();
    }

    /** The records of the batches in flight, oldest first (empty when idle). */
    List<List<SinkRecord>> inFlight() {
        return inFlight.stream().map(InFlight::batch).toList();
    }

    /** Starts converting and sending {@code batch} on the next sender thread; the pipeline must not be full. */
    void submit(List<SinkRecord> batch) {
        if (full()) {
            throw new IllegalStateException("The sender threads are all busy");
        }
        BatchSender sender = senders.get(next);
        ExecutorService thread = threads.get(next);
        next = (next + 1) % senders.size();
        // With nothing in flight every earlier result was taken (a failed batch is back in the buffer): no wait.
        Future<Boolean> turn = inFlight.isEmpty() ? CompletableFuture.completedFuture(true) : lastTurn;
        CompletableFuture<Boolean> landed = new CompletableFuture<>();
        lastTurn = landed;
        Future<BatchResult> result = thread.submit(() -> {
            BatchResult outcome = null;
            try {
                outcome = sender.send(batch, turn);
                return outcome;
            } finally {
                landed.complete(outcome != null && outcome.failure() == null);
            }
        });
        inFlight.addLast(new InFlight(batch, result));
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
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
