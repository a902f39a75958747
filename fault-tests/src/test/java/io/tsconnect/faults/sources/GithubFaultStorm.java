package io.tsconnect.faults.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.tsconnect.testsupport.github.Fault;
import io.tsconnect.testsupport.github.GithubReplayServer;

/**
 * Keeps new events appearing on every stream of a {@link GithubReplayServer} while answering a steady share of
 * requests with 5xx, 403/429 with {@code Retry-After}, bare 429, an exhausted primary quota or a dropped connection.
 */
public final class GithubFaultStorm implements AutoCloseable {
    private static final List<Fault> FAULTS = List.of(Fault.status(500), Fault.retryAfter(403, 1), Fault.status(502),
        Fault.retryAfter(429, 1), Fault.status(429), Fault.status(503), Fault.primaryLimit(Duration.ofSeconds(1)),
        Fault.disconnect());

    private final GithubReplayServer github;
    private final List<String> streams;
    private final List<String> ids = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger scripted = new AtomicInteger();
    private final Thread thread;
    private volatile RuntimeException failure;

    public GithubFaultStorm(GithubReplayServer github, List<String> streams) {
        this.github = github;
        this.streams = List.copyOf(streams);
        this.thread = new Thread(this::run, "github-fault-storm");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            for (int round = 0; running.get(); round++) {
                for (int s = 0; s < streams.size(); s++) {
                    List<String> added = github.stream(streams.get(s)).generate(1 + (round + s) % 2);
                    synchronized (ids) {
                        ids.addAll(added);
                    }
                    // A fault for each stream every ~1.5 s (a poll or two in between gets through), never run ahead:
                    // a stream that can never be read would overrun the API's 300-event window, a real loss that
                    // no connector could prevent.
                    if (round % 5 == s && github.pendingFaults() < streams.size()) {
                        github.script(streams.get(s), FAULTS.get((round + s) % FAULTS.size()));
                        scripted.incrementAndGet();
                    }
                }
                Thread.sleep(300);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Every event id generated so far. */
    public List<String> ids() {
        synchronized (ids) {
            return List.copyOf(ids);
        }
    }

    public int scripted() {
        return scripted.get();
    }

    /** Stops adding events and faults; returns every id generated. */
    public List<String> stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        if (failure != null) {
            throw new AssertionError("fault storm failed", failure);
        }
        return ids();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
