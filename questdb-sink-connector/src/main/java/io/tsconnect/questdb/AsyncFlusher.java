package io.tsconnect.questdb;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.questdb.QuestDbWriter.FlushFailedException;

/**
 * Runs a {@link BatchSender} on one sender thread with at most one batch in flight, so that the task thread
 * converts the next batch while the previous one is being sent (double buffering). The in-flight batch stays
 * visible to the task thread ({@link #inFlight()}) until its result is taken, so its offsets are never
 * committed before QuestDB acknowledged it. Only the task thread calls this class.
 */
final class AsyncFlusher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AsyncFlusher.class);

    private final BatchSender batches;
    private final ExecutorService thread;
    private List<PendingRow> inFlight = List.of();
    private Future<BatchResult> future;

    /** @param threadName the sender thread's name (names the task in thread dumps) */
    AsyncFlusher(BatchSender batches, String threadName) {
        this.batches = batches;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** True while a batch is in flight or its result has not been taken. */
    boolean busy() {
        return future != null;
    }

    /** The rows of the batch in flight (empty when idle). */
    List<PendingRow> inFlight() {
        return inFlight;
    }

    /** Starts sending {@code batch}; the previous result must have been taken. */
    void submit(List<PendingRow> batch) {
        if (future != null) {
            throw new IllegalStateException("A batch is already in flight");
        }
        inFlight = batch;
        future = thread.submit(() -> batches.send(batch));
    }

    /** The result of the in-flight batch if it is done, else null (never blocks). */
    BatchResult poll() {
        return future != null && future.isDone() ? await() : null;
    }

    /**
     * Waits for the in-flight batch and takes its result; null when idle.
     *
     * @throws FlushFailedException when interrupted (the batch stays in flight)
     */
    BatchResult await() {
        if (future == null) {
            return null;
        }
        BatchResult result;
        try {
            result = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlushFailedException("Interrupted while waiting for a flush to QuestDB", e);
        } catch (ExecutionException e) {
            result = new BatchResult(inFlight, List.of(), new ConnectException("QuestDB sender thread failed",
                e.getCause()));
        }
        future = null;
        inFlight = List.of();
        return result;
    }

    /**
     * Lets the in-flight batch finish (its result is dropped: its offsets were not committed, so the rows are
     * re-delivered to whoever owns the partitions next), closes the sender on its thread and ends the thread.
     * A second call does nothing.
     */
    void close(Duration timeout) {
        if (thread.isShutdown()) {
            return;
        }
        thread.submit(batches::close);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("QuestDB sender thread did not finish within {} ms; interrupting it", timeout.toMillis());
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        future = null;
        inFlight = List.of();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
