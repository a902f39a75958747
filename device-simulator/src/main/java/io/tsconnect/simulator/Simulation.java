package io.tsconnect.simulator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * Publishes readings at the configured rate on a thread of its own until the count or duration is reached or
 * {@link #close()} is called. Usable from the CLI, the quickstart and tests.
 */
public final class Simulation implements AutoCloseable {
    /** Unacknowledged QoS 1/2 publishes allowed at once, so a slow broker slows the simulator down. */
    private static final int MAX_IN_FLIGHT = 500;
    private final SimulatorOptions options;
    private final ReadingGenerator generator;
    private final Mqtt5AsyncClient client;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private Simulation(SimulatorOptions options) {
        this.options = options;
        this.generator = new ReadingGenerator(options.locations(), options.devices(), options.shape(),
            options.anomalyRate(), options.seed());
        var builder = MqttClient.builder().useMqttVersion5().identifier(options.clientId())
            .serverHost(options.broker().getHost()).serverPort(port(options)).automaticReconnectWithDefaultConfig();
        if ("ssl".equals(options.broker().getScheme())) {
            builder = builder.sslWithDefaultConfig();
        }
        this.client = builder.buildAsync();
        this.thread = new Thread(this::run, "device-simulator");
        this.thread.setDaemon(true);
    }

    /** Connects and starts publishing in the background. */
    public static Simulation start(SimulatorOptions options) {
        Simulation simulation = new Simulation(options);
        var connect = simulation.client.connectWith().cleanStart(true);
        if (options.username() != null) {
            connect.simpleAuth().username(options.username())
                .password(options.password() == null ? new byte[0]
                    : options.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        connect.send().orTimeout(30, TimeUnit.SECONDS).join();
        simulation.thread.start();
        return simulation;
    }

    /** Messages the broker has accepted (acknowledged for QoS 1/2). */
    public long published() {
        return published.get();
    }

    /** Publishes the broker refused or that failed. */
    public long failed() {
        return failed.get();
    }

    /** True while publishing. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Waits until publishing has finished (count or duration reached). */
    public void await(long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
    }

    private void run() {
        long start = System.nanoTime();
        long sent = 0;
        MqttQos qos = MqttQos.fromCode(options.qos());
        try {
            while (running && !done(sent, start)) {
                if (options.rate() > 0) {
                    long due = (long) ((System.nanoTime() - start) / 1e9 * options.rate()) + 1;
                    if (sent >= due) {
                        Thread.sleep(2);
                        continue;
                    }
                }
                inFlight.acquire();
                Reading r = generator.next(System.currentTimeMillis());
                CompletableFuture<?> ack = client.publishWith().topic(r.topic()).qos(qos)
                    .payload(r.payload().getBytes(StandardCharsets.UTF_8)).send();
                ack.whenComplete((result, error) -> {
                    // Count before releasing: once every permit is back, published() must be final.
                    (error == null ? published : failed).incrementAndGet();
                    inFlight.release();
                });
                sent++;
            }
            inFlight.acquire(MAX_IN_FLIGHT);
            inFlight.release(MAX_IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean done(long sent, long startNanos) {
        boolean countReached = options.count() > 0 && sent >= options.count();
        boolean timeUp = !options.duration().isZero()
            && System.nanoTime() - startNanos >= options.duration().toNanos();
        return countReached || timeUp;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.disconnect().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private static int port(SimulatorOptions o) {
        if (o.broker().getPort() > 0) {
            return o.broker().getPort();
        }
        return "ssl".equals(o.broker().getScheme()) ? 8883 : 1883;
    }
}
