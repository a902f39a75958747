package io.tsconnect.mqtt;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The bounded hand-over between the MQTT client, which pushes messages on its network thread, and {@code poll()}.
 *
 * <p>Back-pressure is by reactive-streams demand: the buffer only ever requests as many messages as it has free
 * slots, so it never holds more than its capacity. While it is full the client keeps further messages unrequested,
 * and since unrequested QoS 1/2 messages stay unacknowledged, the broker's in-flight window (Receive Maximum)
 * stops it from sending more. QoS 0 messages are at-most-once: the client drops the oldest when its own small
 * queue overflows.
 */
public final class InboundBuffer implements Subscriber<InboundMessage> {
    private final int capacity;
    private final ArrayDeque<InboundMessage> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Subscription subscription;
    private Throwable failure;
    private boolean woken;

    public InboundBuffer(int capacity) {
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    @Override
    public void onSubscribe(Subscription s) {
        lock.lock();
        try {
            subscription = s;
        } finally {
            lock.unlock();
        }
        s.request(capacity);
    }

    @Override
    public void onNext(InboundMessage message) {
        lock.lock();
        try {
            queue.add(message);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(Throwable t) {
        lock.lock();
        try {
            failure = t;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        wakeUp();
    }

    /**
     * Waits up to {@code timeout} for a first message, then takes up to {@code max} messages and requests as many
     * new ones from the client. Returns early, possibly empty, after {@link #wakeUp()}.
     *
     * @throws IllegalStateException when the client's publish stream failed
     */
    public List<InboundMessage> take(int max, Duration timeout) throws InterruptedException {
        List<InboundMessage> out;
        Subscription s;
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (queue.isEmpty() && failure == null && !woken && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            woken = false;
            if (failure != null && queue.isEmpty()) {
                throw new IllegalStateException("The MQTT client's message stream failed", failure);
            }
            int n = Math.min(max, queue.size());
            out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(queue.poll());
            }
            s = subscription;
        } finally {
            lock.unlock();
        }
        if (s != null && !out.isEmpty()) {
            s.request(out.size());
        }
        return out;
    }

    /** Makes a waiting {@link #take} return now (on stop, or when a fatal error was recorded). */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Messages waiting for poll(). */
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking messages from the client. */
    public void cancel() {
        Subscription s;
        lock.lock();
        try {
            s = subscription;
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.cancel();
        }
    }
}
