package io.tsconnect.benchmarks;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;

/**
 * Publishes benchmark messages with the HiveMQ MQTT client, as fast as the broker takes them or at a fixed rate,
 * with a bounded number of publishes outstanding so the client never buffers without limit.
 */
public final class MqttPublisher implements AutoCloseable {
    private static final int WINDOW = 5_000;
    private final Mqtt5AsyncClient client;
    private final int size;
    private final Semaphore window;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private MqttPublisher(Mqtt5AsyncClient client, int size) {
        this.client = client;
        this.size = size;
        this.window = new Semaphore(size);
    }

    /** Connects a publisher to {@code brokerUri} ({@code tcp://host:port}) with 5,000 publishes outstanding. */
    public static MqttPublisher connect(String brokerUri) throws Exception {
        return connect(brokerUri, WINDOW);
    }

    /**
     * Connects a publisher with at most {@code maxWindow} publishes outstanding, or the broker's Receive Maximum
     * when lower: the window the MQTT sink connector uses with {@code mqtt.max.in.flight=maxWindow}.
     */
    public static MqttPublisher connect(String brokerUri, int maxWindow) throws Exception {
        URI uri = URI.create(brokerUri);
        Mqtt5AsyncClient client = Mqtt5Client.builder().identifier("bench-pub-" + UUID.randomUUID())
            .serverHost(uri.getHost()).serverPort(uri.getPort()).buildAsync();
        client.connectWith().cleanStart(true).send().get(30, TimeUnit.SECONDS);
        int sendMaximum = client.getConfig().getConnectionConfig()
            .map(c -> c.getRestrictionsForClient().getSendMaximum()).orElse(maxWindow);
        return new MqttPublisher(client, Math.min(maxWindow, sendMaximum));
    }

    /** The most publishes outstanding. */
    public int window() {
        return size;
    }

    /** Publishes one message without waiting for the broker (beyond the outstanding window). */
    public void publish(String topic, byte[] payload, int qos) throws InterruptedException {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("Publishing failed", t);
        }
        window.acquire();
        client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send()
            .whenComplete((result, error) -> {
                window.release();
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    completed.incrementAndGet();
                }
            });
    }

    /**
     * Publishes messages {@code 0..n-1} ({@link Payloads#mqttJson} with the send time) to {@code topic} as fast as
     * possible and waits until the broker has them all.
     *
     * @return messages per second the publisher achieved
     */
    public double publishAll(String topic, long n, int qos) throws InterruptedException {
        long start = System.nanoTime();
        for (long i = 0; i < n; i++) {
            publish(topic, Payloads.mqttJson(i, nowMicros()), qos);
        }
        drain();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Publishes at {@code rate} messages per second for {@code seconds}, numbering from {@code firstSeq}, with the
     * wall-clock send time in each payload.
     *
     * @return how many messages were published
     */
    public long publishAtRate(String topic, long firstSeq, double rate, double seconds, int qos)
        throws InterruptedException {
        long start = System.nanoTime();
        long total = (long) (rate * seconds);
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            publish(topic, Payloads.mqttJson(firstSeq + i, nowMicros()), qos);
        }
        return total;
    }

    /** Wall-clock time in microseconds since the epoch (the JDK clock has microsecond resolution on Linux). */
    public static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** Waits until every publish so far has completed (acknowledged by the broker at QoS 1). */
    public void drain() throws InterruptedException {
        window.acquire(size);
        window.release(size);
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
