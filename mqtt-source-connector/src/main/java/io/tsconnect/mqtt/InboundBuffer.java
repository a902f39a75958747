package io.tsconnect.mqtt;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The bounded hand-over between the MQTT client, which pushes messages on its network thread, and {@code poll()}.
 *
 * <p>Back-pressure is by reactive-streams demand, counted in <em>unacknowledged</em> messages: a message takes a
 * slot when the client hands it over and frees it only when its acknowledgement runs (after Kafka has the record,
 * see {@link InboundMessage#ack()}), so the task never holds more than {@code capacity} messages between the broker
 * and Kafka. While all slots are taken the client keeps further messages unrequested, and since unrequested QoS 1/2
 * messages stay unacknowledged, the broker's in-flight window stops it from sending more. QoS 0 messages are
 * at-most-once: the client drops the oldest when its own small queue overflows.
 *
 * <p>Counting up to the acknowledgement, rather than up to {@code poll()}, matters for the HiveMQ client: with
 * manual acknowledgement it keeps every handed-over message in its incoming queue until acknowledged and walks that
 * queue for each publish that arrives while demand is exhausted, so an unbounded number of messages on their way to
 * Kafka made every arrival cost more CPU (measured: a third of the process's CPU at 7k msg/s).
 */
public final class InboundBuffer implements Subscriber<InboundMessage> {
    private final int capacity;
    /** Freed slots are requested in batches of this size (always below capacity, so demand never runs dry). */
    private final int requestBatch;
    private final AtomicInteger freed = new AtomicInteger();
    private final ArrayDeque<InboundMessage> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Subscription subscription;
    private Throwable failure;
    private boolean woken;

    public InboundBuffer(int capacity) {
        this.capacity = capacity;
        this.requestBatch = Math.max(1, Math.min(64, capacity / 4));
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
            queue.add(message.withAck(releasing(message.ack())));
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
     * Waits up to {@code timeout} for a first message, then takes up to {@code max} messages. Their slots are freed
     * when they are acknowledged. Returns early, possibly empty, after {@link #wakeUp()}.
     *
     * @throws IllegalStateException when the client's publish stream failed
     */
    public List<InboundMessage> take(int max, Duration timeout) throws InterruptedException {
        List<InboundMessage> out;
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
        } finally {
            lock.unlock();
        }
        return out;
    }

    /** The acknowledgement, followed by freeing the message's slot once, whether or not the ack could be sent. */
    private Runnable releasing(Runnable ack) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            try {
                ack.run();
            } finally {
                if (released.compareAndSet(false, true)) {
                    release();
                }
            }
        };
    }

    private void release() {
        if (freed.incrementAndGet() < requestBatch) {
            return;
        }
        int n = freed.getAndSet(0);
        Subscription s;
        lock.lock();
        try {
            s = subscription;
        } finally {
            lock.unlock();
        }
        if (s != null && n > 0) {
            s.request(n);
        }
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
