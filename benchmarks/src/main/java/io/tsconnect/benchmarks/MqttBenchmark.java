package io.tsconnect.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.mqtt.HiveMqBroker;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;

/**
 * Messages/s from an MQTT broker into Kafka through the MQTT source connector (acknowledged to the broker after
 * Kafka), beside the same broker's rate to a plain HiveMQ-client subscriber with manual acknowledgement, for
 * mosquitto and embedded HiveMQ CE at QoS 0 and 1, with one task and with shared subscriptions over several.
 */
public final class MqttBenchmark implements Benchmark {
    private static final Duration POLL = Duration.ofMillis(20);
    /** HiveMQ's default of 10 in-flight messages per client would make one QoS 1 publisher the limit. */
    private static final int RECEIVE_MAXIMUM = 1000;
    private static final Duration STALL = Duration.ofSeconds(10);
    /** Per broker, a plain subscriber and a connector first move this many messages, so JIT compilation is done. */
    private static final long WARMUP_MESSAGES = 30_000;
    private int variantCounter;

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public String description() {
        return "MQTT source msg/s into Kafka (QoS 0/1, mosquitto and HiveMQ CE, 1..4 tasks) vs a plain "
            + "HiveMQ-client subscriber";
    }

    @Override
    public void run(Options options, Recorder recorder) throws Exception {
        long n = options.longValue("n", 100_000);
        List<String> brokers = options.words("brokers", MosquittoBroker.available()
            ? List.of("mosquitto", "hivemq") : List.of("hivemq"), Set.of("mosquitto", "hivemq"));
        if (!MosquittoBroker.available() && !options.has("brokers")) {
            recorder.note("mosquitto is not installed (" + MosquittoBroker.EXECUTABLE + "): HiveMQ CE only.");
        }
        List<Integer> qosLevels = options.ints("qos", List.of(0, 1));
        List<Integer> tasks = options.ints("tasks", List.of(1, 2, 4));
        recorder.step("starting Kafka + one Connect worker with the packaged MQTT source plugin");
        try (ConnectHarness harness = ConnectHarness.builder().name("bench-mqtt").plugins("mqtt-source-connector")
                 .workers(1).start();
             KafkaTopics topics = new KafkaTopics(harness.bootstrapServers())) {
            for (String broker : brokers) {
                try (AutoCloseable server = startBroker(broker)) {
                    String uri = server instanceof HiveMqBroker h ? h.uri() : ((MosquittoBroker) server).uri();
                    long warm = Math.min(n, WARMUP_MESSAGES);
                    recorder.step(String.format("warm-up on %s: plain subscriber and connector, %,d QoS 1 messages "
                        + "each (not reported)", broker, warm));
                    plainSubscriber(recorder, uri, 1, warm);
                    connector(harness, topics, broker, uri, 1, 1, warm, 0);
                    for (int qos : qosLevels) {
                        double raw = plainSubscriber(recorder, uri, qos, n);
                        List<Integer> taskCounts = qos > 0 ? tasks : List.of(1);
                        for (int t : taskCounts) {
                            recorder.result(connector(harness, topics, broker, uri, qos, t, n, raw));
                        }
                    }
                }
            }
            recorder.note(String.format("%,d messages of %d bytes (JSON) per measurement, published by one "
                + "HiveMQ-client publisher at the same QoS as fast as the broker takes them (at most 5,000 "
                + "outstanding), timed from the first publish until the last message is in Kafka (end offsets "
                + "polled every %d ms) or at the plain subscriber. On each broker a plain subscriber and a connector "
                + "first moved %,d QoS 1 messages unreported, so that JIT compilation is not part of the figures.", n,
                Payloads.MQTT_PAYLOAD_BYTES, POLL.toMillis(), WARMUP_MESSAGES));
            recorder.note("Connector: connector-configs/mqtt-source.json as shipped (MQTT 5, persistent session, "
                + "value.format json_map with JsonConverter, QoS 1 acknowledged only after Kafka acknowledged the "
                + "record), with broker, filter, QoS and Kafka topic overridden; tasks > 1 use "
                + "mqtt.shared.subscription.group. Plain subscriber: one HiveMQ-client MQTT 5 subscriber that "
                + "acknowledges each message manually as it arrives (nothing written anywhere).");
            recorder.note("mosquitto runs with the test-support settings (persistence, unlimited queues; its "
                + "max_inflight_messages only limits MQTT 3.1.1 clients, MQTT 5 ones get up to 65,535 unacknowledged "
                + "messages); HiveMQ CE embedded in this JVM with a 1,000,000-message queue. At "
                + "QoS 0 a broker may drop messages for a slow subscriber: the figure counts what arrived "
                + "(messagesDelivered in the results file).");
        }
    }

    private static AutoCloseable startBroker(String broker) throws Exception {
        return "hivemq".equals(broker) ? hivemq() : MosquittoBroker.builder().start();
    }

    /** Rate of the broker to a plain subscriber that acknowledges each message as it arrives. */
    private double plainSubscriber(Recorder recorder, String uri, int qos, long n) throws Exception {
        String topic = "bench/" + (++variantCounter) + "/raw";
        AtomicLong received = new AtomicLong();
        URI u = URI.create(uri);
        Mqtt5AsyncClient subscriber = Mqtt5Client.builder().identifier("bench-sub-" + UUID.randomUUID())
            .serverHost(u.getHost()).serverPort(u.getPort()).buildAsync();
        subscriber.publishes(MqttGlobalPublishFilter.ALL, publish -> {
            received.incrementAndGet();
            publish.acknowledge();
        }, true);
        subscriber.connectWith().cleanStart(true).send().get(30, TimeUnit.SECONDS);
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos)).send().get(30, TimeUnit.SECONDS);
        try (MqttPublisher publisher = MqttPublisher.connect(uri)) {
            long start = System.nanoTime();
            CompletableFuture<Double> pub = publisherThread(publisher, topic, n, qos);
            CountWatch.Outcome out = CountWatch.await(start, received::get, n, POLL, Duration.ofMinutes(5), STALL);
            recorder.step(String.format("plain subscriber qos%d: %,d of %,d in %.1f s = %,.0f msg/s (publisher "
                + "%,.0f msg/s)", qos, out.finalCount(), n, out.secondsFromStart(), out.rateFromStart(), pub.get()));
            return out.rateFromStart();
        } finally {
            subscriber.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    private Result connector(ConnectHarness harness, KafkaTopics topics, String broker, String uri, int qos,
                             int tasks, long n, double raw) throws Exception {
        int id = ++variantCounter;
        String mqttTopic = "bench/" + id + "/data";
        String kafkaTopic = "bench-mqtt-" + id;
        Map<String, String> overrides = new HashMap<>();
        overrides.put("mqtt.server.uris", uri);
        overrides.put("mqtt.topic.filters", "bench/" + id + "/#");
        overrides.put("mqtt.qos", Integer.toString(qos));
        overrides.put("kafka.topic", kafkaTopic);
        overrides.put("mqtt.client.id.prefix", "bench-" + id);
        overrides.put("tasks.max", Integer.toString(tasks));
        if (tasks > 1) {
            overrides.put("mqtt.shared.subscription.group", "bench" + id);
        }
        ConnectorConfigs config = ConnectorConfigs.load("mqtt-source.json").named("bench-mqtt-" + id)
            .with(overrides);
        harness.kafka().createTopic(kafkaTopic, 1);
        harness.startConnector(config.name(), config.config(), tasks);
        try (MqttPublisher publisher = MqttPublisher.connect(uri)) {
            long warmups = warmUp(publisher, topics, mqttTopic, kafkaTopic, tasks);
            long start = System.nanoTime();
            CompletableFuture<Double> pub = publisherThread(publisher, mqttTopic, n, qos);
            CountWatch.Outcome out = CountWatch.await(start, () -> topics.endOffsets(kafkaTopic), n + warmups,
                POLL, Duration.ofMinutes(5), STALL);
            long delivered = out.finalCount() - warmups;
            double rate = delivered / out.secondsFromStart();
            Map<String, Object> extra = new HashMap<>();
            extra.put("messages", n);
            extra.put("messagesDelivered", delivered);
            extra.put("broker", broker);
            extra.put("qos", qos);
            extra.put("tasks", tasks);
            extra.put("publisherRate", Math.round(pub.get()));
            if (qos > 0) {
                extra.put("target", 0.8);
            }
            String variant = broker + " qos" + qos + (tasks > 1 ? " " + tasks + " tasks shared" : " 1 task");
            return new Result("mqtt", variant, rate, raw, extra);
        } finally {
            harness.connect().deleteConnector(config.name());
        }
    }

    /**
     * Publishes QoS 1 messages until one reaches Kafka (the tasks' subscriptions are live), then waits a second
     * for the other tasks.
     *
     * @return how many warm-up messages were published (they are in Kafka too)
     */
    private static long warmUp(MqttPublisher publisher, KafkaTopics topics, String mqttTopic, String kafkaTopic,
                               int tasks) throws Exception {
        long sent = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (topics.endOffsets(kafkaTopic) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No warm-up message reached Kafka topic " + kafkaTopic);
            }
            publisher.publish(mqttTopic, Payloads.mqttJson(-1, 0), 1);
            sent++;
            Thread.sleep(200);
        }
        if (tasks > 1) {
            Thread.sleep(2000);
        }
        publisher.drain();
        long deadline2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (topics.endOffsets(kafkaTopic) < sent && System.nanoTime() < deadline2) {
            Thread.sleep(50);
        }
        return sent;
    }

    /** Publishes in the background; completes with the publisher's own rate. */
    private static CompletableFuture<Double> publisherThread(MqttPublisher publisher, String topic, long n,
                                                             int qos) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return publisher.publishAll(topic, n, qos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** An anonymous HiveMQ CE broker for benchmarks, with a receive maximum of 1000. */
    static HiveMqBroker hivemq() {
        return HiveMqBroker.builder().receiveMaximum(RECEIVE_MAXIMUM).start();
    }
}
