package io.tsconnect.faults.sources;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * Publishes {@code m-0, m-1, …} at QoS 1 on a background thread, round-robin over a few MQTT topics, until stopped.
 * A number counts as published once the broker has acknowledged it; a publish that fails or times out (the broker
 * restarting) is retried with the same number, so every number up to {@link #published()} reached the broker at
 * least once. Retries can themselves duplicate a message at the broker; they are counted.
 */
final class SequencePublisher implements AutoCloseable {
    private final Mqtt5AsyncClient client;
    private final List<String> topics;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Throwable failure;

    SequencePublisher(String uri, List<String> topics) {
        URI u = URI.create(uri);
        this.topics = List.copyOf(topics);
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
                    // ~1000 msg/s at most: a steady stream, without starving the shared CPU
                    Thread.sleep(8);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void publishUntilAcknowledged(int i) throws InterruptedException {
        byte[] payload = payload(i).getBytes(StandardCharsets.UTF_8);
        String topic = topics.get(i % topics.size()) + "/d" + (i % 5);
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
    int published() {
        return published.get();
    }

    int retries() {
        return retries.get();
    }

    /** Stops after the number in progress is acknowledged and returns how many were published. */
    int stop() throws InterruptedException {
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
