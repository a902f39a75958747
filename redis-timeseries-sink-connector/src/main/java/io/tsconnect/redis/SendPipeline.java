package io.tsconnect.redis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
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

/**
 * {@link RecordWriter}s on sender threads of their own, taking batches in turn: while one maps a batch, the
 * other's TS.MADDs are with Redis, and the task thread meanwhile polls Kafka and converts the next records. A
 * batch is sent only after the one before it was acknowledged, so every series gets its samples in offset order;
 * results are taken in the order the batches were submitted. At most one batch per thread is in flight; the
 * batches stay visible to the task thread ({@link #inFlight()}) until their results are taken, so their offsets
 * are never committed before Redis answered. Only the task thread calls this class.
 */
final class SendPipeline implements AutoCloseable {
    /** Sender threads: one maps a batch while the other's batch is with Redis. */
    static final int DEPTH = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SendPipeline.class);

    private final List<RecordWriter> writers;
    private final List<ExecutorService> threads = new ArrayList<>();
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private int next;
    private Future<Boolean> lastTurn;

    /**
     * The outcome of one batch.
     *
     * @param batch its records
     * @param failed records that cannot be written, with why (to be reported as errant)
     * @param failure why the batch (and those behind it) was not written, or {@code null}
     */
    record Outcome(List<SinkRecord> batch, Map<SinkRecord, String> failed, RuntimeException failure) {
    }

    /** A submitted batch and its outcome to come. */
    private record InFlight(List<SinkRecord> batch, Future<Outcome> outcome) {
    }

    /** The batch was not sent because the one before it failed; it is retried behind it. */
    static final class EarlierBatchFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EarlierBatchFailed() {
            super("An earlier batch failed", null, false, false);
        }
    }

    /**
     * @param writers one writer per sender thread ({@link #DEPTH} of them; their mappers are not shared)
     * @param threadName the sender threads' name prefix (names the task in thread dumps)
     */
    SendPipeline(List<RecordWriter> writers, String threadName) {
        this.writers = List.copyOf(writers);
        for (int i = 0; i < this.writers.size(); i++) {
            String name = threadName + "-" + i;
            threads.add(Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, name);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /** True while a batch is in flight or its outcome has not been taken. */
    boolean busy() {
        return !inFlight.isEmpty();
    }

    /** True when no further batch may be submitted before an outcome is taken. */
    boolean full() {
        return inFlight.size() >= writers.size();
    }

    /** The records of the batches in flight, oldest first. */
    List<List<SinkRecord>> inFlight() {
        return inFlight.stream().map(InFlight::batch).toList();
    }

    /** Starts mapping and writing {@code batch} on the next sender thread; the pipeline must not be full. */
    void submit(List<SinkRecord> batch) {
        if (full()) {
            throw new IllegalStateException("The sender threads are all busy");
        }
        RecordWriter writer = writers.get(next);
        ExecutorService thread = threads.get(next);
        next = (next + 1) % writers.size();
        Future<Boolean> turn = inFlight.isEmpty() ? CompletableFuture.completedFuture(true) : lastTurn;
        CompletableFuture<Boolean> landed = new CompletableFuture<>();
        lastTurn = landed;
        Future<Outcome> outcome = thread.submit(() -> {
            Outcome result = null;
            try {
                result = send(writer, batch, turn);
                return result;
            } finally {
                landed.complete(result != null && result.failure() == null);
            }
        });
        inFlight.addLast(new InFlight(batch, outcome));
    }

    /** Maps {@code batch}, waits until the batch before it landed, then writes it; never throws. */
    private static Outcome send(RecordWriter writer, List<SinkRecord> batch, Future<Boolean> turn) {
        try {
            RecordWriter.Prepared prepared = writer.prepare(batch);
            if (!turn.get()) {
                return new Outcome(batch, Map.of(), new EarlierBatchFailed());
            }
            return new Outcome(batch, writer.send(prepared), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(batch, Map.of(), new ConnectException("Interrupted while writing to Redis", e));
        } catch (ExecutionException e) {
            return new Outcome(batch, Map.of(), new EarlierBatchFailed());
        } catch (RuntimeException e) {
            return new Outcome(batch, Map.of(), e);
        }
    }

    /** The outcome of the oldest batch if it is done, else null (never blocks). */
    Outcome poll() {
        return !inFlight.isEmpty() && inFlight.peekFirst().outcome().isDone() ? await() : null;
    }

    /**
     * Waits for the oldest batch and takes its outcome; null when idle. When it failed, the later batches (which
     * were not written behind it) are taken too: the outcome then holds all their records, in order.
     */
    Outcome await() {
        if (inFlight.isEmpty()) {
            return null;
        }
        Outcome outcome = take();
        while (outcome.failure() != null && !inFlight.isEmpty()) {
            Outcome later = take();
            List<SinkRecord> records = new ArrayList<>(outcome.batch());
            records.addAll(later.batch());
            outcome = new Outcome(records, Map.of(), outcome.failure());
        }
        return outcome;
    }

    private Outcome take() {
        InFlight oldest = inFlight.peekFirst();
        Outcome outcome;
        try {
            outcome = oldest.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for a write to Redis", e);
        } catch (ExecutionException e) {
            outcome = new Outcome(oldest.batch(), Map.of(), new ConnectException("Redis sender thread failed",
                e.getCause()));
        }
        inFlight.removeFirst();
        return outcome;
    }

    /**
     * Lets the batches in flight finish (their outcomes are dropped: their offsets were not committed, so the
     * records are re-delivered to whoever owns the partitions next) and ends the threads.
     */
    void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        threads.forEach(ExecutorService::shutdown);
        for (ExecutorService thread : threads) {
            try {
                if (!thread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("Redis sender thread did not finish within {} ms; interrupting it", timeout.toMillis());
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
