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
    void requestsOnlyWhatItCanHold() throws InterruptedException {
        InboundBuffer buffer = new InboundBuffer(3);
        buffer.onSubscribe(subscription);
        assertEquals(3, requested.get());
        for (int i = 0; i < 3; i++) {
            buffer.onNext(messages.message("t", "m" + i));
        }
        List<InboundMessage> taken = buffer.take(2, Duration.ofMillis(10));
        assertEquals(2, taken.size());
        assertEquals("m0", taken.get(0).payloadText());
        assertEquals(5, requested.get(), "two slots freed, two more requested");
        assertEquals(1, buffer.size());
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
