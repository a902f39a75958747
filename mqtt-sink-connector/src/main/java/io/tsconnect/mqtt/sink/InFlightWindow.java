package io.tsconnect.mqtt.sink;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Bounds the messages published and not yet acknowledged: the task thread takes a slot before each publish and
 * the client's thread gives it back when the broker answers. The limit follows the broker's Receive Maximum.
 */
final class InFlightWindow {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int configured;
    private int limit;
    private int inFlight;

    /** @param configured the configured maximum, used until a broker sets a lower one */
    InFlightWindow(int configured) {
        this.configured = configured;
        this.limit = configured;
    }

    /** Applies a connection's send maximum: the window is the smaller of it and the configured one. */
    void limit(int sendMaximum) {
        lock.lock();
        try {
            limit = Math.max(1, Math.min(configured, sendMaximum));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int limit() {
        return limit;
    }

    /**
     * Takes a slot, waiting up to {@code timeoutNanos} for one; gives up early once {@code abandon} is true (it is
     * checked whenever a slot is given back).
     *
     * @return whether a slot was taken
     */
    boolean acquire(long timeoutNanos, BooleanSupplier abandon) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (inFlight >= limit) {
                if (abandon.getAsBoolean() || left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot back (from any thread) and wakes a waiting task thread. */
    void release() {
        lock.lock();
        try {
            inFlight--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting task thread without giving a slot back (the connection was lost). */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is in flight, up to {@code timeoutNanos}; returns whether that happened. */
    boolean awaitEmpty(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (inFlight > 0) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }
}
