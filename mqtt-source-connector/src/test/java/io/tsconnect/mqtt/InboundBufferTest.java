package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;

class InboundBufferTest {
    private final Messages messages = new Messages();
    private final AtomicLong requested = new AtomicLong();
    private final Subscription subscription = new Subscription() {
        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            requested.set(-1);
        }
    };

    @Test
    void holdsNoMoreUnacknowledgedMessagesThanItsCapacity() throws InterruptedException {
        InboundBuffer buffer = new InboundBuffer(8);
        buffer.onSubscribe(subscription);
        assertEquals(8, requested.get());
        for (int i = 0; i < 8; i++) {
            buffer.onNext(messages.message("t", "m" + i));
        }
        List<InboundMessage> taken = buffer.take(8, Duration.ofMillis(10));
        assertEquals(8, taken.size());
        assertEquals("m0", taken.get(0).payloadText());
        assertEquals(8, requested.get(), "taken by poll() but not acknowledged: no slot is free yet");

        taken.get(0).ack().run();
        assertEquals(8, requested.get(), "freed slots are requested in batches (here of 2)");
        taken.get(1).ack().run();
        assertEquals(10, requested.get(), "two acknowledged, two more requested");
    }

    @Test
    void anAcknowledgementThatFailsStillFreesItsSlotOnce() throws InterruptedException {
        InboundBuffer buffer = new InboundBuffer(4);
        buffer.onSubscribe(subscription);
        AtomicLong acks = new AtomicLong();
        buffer.onNext(messages.message("t", "gone").withAck(() -> {
            acks.incrementAndGet();
            throw new IllegalStateException("connection closed");
        }));
        InboundMessage message = buffer.take(1, Duration.ofMillis(10)).get(0);
        assertThrows(IllegalStateException.class, () -> message.ack().run());
        assertThrows(IllegalStateException.class, () -> message.ack().run());
        assertEquals(2, acks.get());
        assertEquals(5, requested.get(), "the slot of a message whose connection is gone is freed, once");
    }

    @Test
    void waitsForTheFirstMessageUpToTheTimeout() throws InterruptedException {
        InboundBuffer buffer = new InboundBuffer(10);
        buffer.onSubscribe(subscription);
        long start = System.nanoTime();
        assertTrue(buffer.take(10, Duration.ofMillis(200)).isEmpty());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
    }

    @Test
    void wakeUpEndsAWaitAtOnce() throws InterruptedException {
        InboundBuffer buffer = new InboundBuffer(10);
        buffer.onSubscribe(subscription);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(buffer::wakeUp, 100, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            assertTrue(buffer.take(10, Duration.ofSeconds(30)).isEmpty());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aFailedStreamSurfacesOnceTheQueueIsDrained() throws InterruptedException {
        InboundBuffer buffer = new InboundBuffer(10);
        buffer.onSubscribe(subscription);
        buffer.onNext(messages.message("t", "last"));
        buffer.onError(new RuntimeException("boom"));
        assertEquals(1, buffer.take(10, Duration.ofMillis(10)).size());
        assertThrows(IllegalStateException.class, () -> buffer.take(10, Duration.ofMillis(10)));
    }
}
