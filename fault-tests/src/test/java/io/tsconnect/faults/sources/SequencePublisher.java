package io.tsconnect.faults.sources;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * Publishes numbered messages at QoS 1 on a background thread until stopped: by default {@code m-0, m-1, …}
 * round-robin over a few MQTT topics, or whatever a {@link Message} function makes of each number.
 * A number counts as published once the broker has acknowledged it; a publish that fails or times out (the broker
 * restarting) is retried with the same number, so every number up to {@link #published()} reached the broker at
 * least once. Retries can themselves duplicate a message at the broker; they are counted.
 */
public final class SequencePublisher implements AutoCloseable {
    /** What number {@code i} is published as. */
    public record Message(String topic, String payload) {
    }

    private final Mqtt5AsyncClient client;
    private final IntFunction<Message> messages;
    private final long pauseEveryTenMs;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Throwable failure;

    SequencePublisher(String uri, List<String> topics) {
        this(uri, i -> new Message(topics.get(i % topics.size()) + "/d" + (i % 5), payload(i)), 8);
    }

    /**
     * Publishes {@code messages.apply(0), messages.apply(1), …}, pausing {@code pauseEveryTenMs} after every ten
     * (8 ms: about 1,000 messages/s at most).
     */
    public SequencePublisher(String uri, IntFunction<Message> messages, long pauseEveryTenMs) {
        URI u = URI.create(uri);
        this.messages = messages;
        this.pauseEveryTenMs = pauseEveryTenMs;
        this.client = MqttClient.builder().useMqttVersion5().identifier("fault-pub-" + UUID.randomUUID())
            .serverHost(u.getHost()).serverPort(u.getPort()).automaticReconnectWithDefaultConfig().buildAsync();
        client.connectWith().cleanStart(true).send().orTimeout(30, TimeUnit.SECONDS).join();
        this.thread = new Thread(this::run, "sequence-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    static String payload(int i) {
        return "m-" + i;
    }

    private void run() {
        try {
            for (int i = 0; running.get(); i++) {
                publishUntilAcknowledged(i);
                published.incrementAndGet();
                if (i % 10 == 9) {
                    // a steady stream, without starving the shared CPU
                    Thread.sleep(pauseEveryTenMs);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void publishUntilAcknowledged(int i) throws InterruptedException {
        Message message = messages.apply(i);
        byte[] payload = message.payload().getBytes(StandardCharsets.UTF_8);
        String topic = message.topic();
        while (true) {
            try {
                client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                    .get(5, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                retries.incrementAndGet();
                if (!running.get() && retries.get() > 10_000) {
                    throw new IllegalStateException("publisher gave up on m-" + i, e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** How many numbers, from 0, the broker has acknowledged. */
    public int published() {
        return published.get();
    }

    public int retries() {
        return retries.get();
    }

    /** Stops after the number in progress is acknowledged and returns how many were published. */
    public int stop() throws InterruptedException {
        running.set(false);
        thread.join(TimeUnit.SECONDS.toMillis(60));
        if (failure != null) {
            throw new AssertionError("publisher failed", failure);
        }
        return published.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        client.disconnect().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
