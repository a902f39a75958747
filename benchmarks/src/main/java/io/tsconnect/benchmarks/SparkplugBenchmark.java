package io.tsconnect.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.tsconnect.simulator.sparkplug.SparkplugPayloads;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;

/**
 * Sparkplug B DDATA messages/s through the MQTT source with {@code value.format=sparkplug_b} (decoded, aliases
 * named, sequence checked; one record per message and one per metric) beside the same messages with
 * {@code value.format=bytes} (passed through), on the same broker in the same round: the ratio is the cost of
 * decoding.
 */
public final class SparkplugBenchmark implements Benchmark {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration STALL = Duration.ofSeconds(10);
    /** Metrics per DDATA of the simulated device. */
    private static final int METRICS = 3;
    private int counter;

    @Override
    public String name() {
        return "sparkplug";
    }

    @Override
    public String description() {
        return "Sparkplug B msg/s decoded by the MQTT source (per message, per metric) vs value.format=bytes";
    }

    @Override
    public void run(Options options, Recorder recorder) throws Exception {
        long n = options.longValue("n", 50_000);
        int runs = (int) options.longValue("runs", 3);
        List<String> brokers = options.words("brokers", List.of(MosquittoBroker.available() ? "mosquitto"
            : "hivemq"), Set.of("mosquitto", "hivemq"));
        byte[][] ddata = new byte[256][];
        for (int seq = 0; seq < 256; seq++) {
            ddata[seq] = SparkplugPayloads.ddata(seq, 0, 1_700_000_000_000L + seq, 20.0 + seq, seq, seq)
                .toByteArray();
        }
        try (ConnectHarness harness = ConnectHarness.builder().name("bench-sparkplug")
                 .plugins("mqtt-source-connector").workers(1).start();
             KafkaTopics topics = new KafkaTopics(harness.bootstrapServers())) {
            for (String broker : brokers) {
                try (AutoCloseable server = "hivemq".equals(broker) ? MqttBenchmark.hivemq()
                    : MosquittoBroker.builder().start()) {
                    String uri = server instanceof MosquittoBroker m ? m.uri()
                        : ((io.tsconnect.testsupport.mqtt.HiveMqBroker) server).uri();
                    Map<String, List<Result>> byVariant = new LinkedHashMap<>();
                    for (int i = 0; i < runs; i++) {
                        double bytes = rate(harness, topics, uri, "bytes", n, ddata);
                        for (String shape : List.of("message", "metric")) {
                            double decoded = rate(harness, topics, uri, shape, n, ddata);
                            Map<String, Object> extra = Map.of("messages", n, "broker", broker,
                                "metricsPerMessage", METRICS, "output", shape);
                            Result r = new Result("sparkplug", broker + " sparkplug_b per " + shape, decoded, bytes,
                                extra);
                            recorder.step(String.format("round %d: %s %,.0f msg/s vs bytes %,.0f msg/s (ratio %.2f)",
                                i + 1, r.variant(), decoded, bytes, r.ratio()));
                            byVariant.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r);
                        }
                    }
                    byVariant.values().forEach(rounds -> recorder.result(Result.medianRound(rounds)));
                }
            }
            recorder.note(String.format("%,d Sparkplug B DDATA messages of %d metrics by alias (%d bytes) per "
                + "measurement at QoS 1, after an NBIRTH and DBIRTH; the 'raw' rate is the same connector and broker "
                + "with value.format=bytes (ByteArrayConverter) in the same round, so the ratio is what decoding, "
                + "alias naming, sequence checking and JSON conversion cost. Per metric: %d records per message.",
                n, METRICS, ddata[0].length, METRICS));
        }
    }

    /** MQTT messages/s from the first DDATA publish until every record of the last is in Kafka. */
    private double rate(ConnectHarness harness, KafkaTopics topics, String uri, String shape, long n,
                        byte[][] ddata) throws Exception {
        int id = ++counter;
        String group = "bench" + id;
        String kafkaTopic = "bench-sparkplug-" + id;
        Map<String, String> overrides = new HashMap<>();
        overrides.put("mqtt.server.uris", uri);
        overrides.put("mqtt.topic.filters", "spBv1.0/" + group + "/#");
        overrides.put("kafka.topic", kafkaTopic);
        overrides.put("mqtt.client.id.prefix", "bench-sp-" + id);
        overrides.put("sparkplug.rebirth.enabled", "false");
        overrides.put("errors.tolerance", "none");
        overrides.put("value.parse.errors.topic", "");
        if ("bytes".equals(shape)) {
            overrides.put("value.format", "bytes");
            overrides.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        } else {
            overrides.put("sparkplug.output", shape);
        }
        ConnectorConfigs config = ConnectorConfigs.load("mqtt-source-sparkplug.json").named(kafkaTopic)
            .with(overrides);
        harness.kafka().createTopic(kafkaTopic, 1);
        harness.startConnector(config.name(), config.config(), 1);
        String prefix = "spBv1.0/" + group + "/";
        try (MqttPublisher publisher = MqttPublisher.connect(uri)) {
            // Births until one reaches Kafka: the subscription is live and the aliases are declared.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (topics.endOffsets(kafkaTopic) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("No birth reached Kafka topic " + kafkaTopic);
                }
                publisher.publish(prefix + "NBIRTH/e", SparkplugPayloads.nbirth(254, 0, 1L).toByteArray(), 1);
                publisher.publish(prefix + "DBIRTH/e/d0", SparkplugPayloads.dbirth(255, 0, 1L).toByteArray(), 1);
                publisher.drain();
                Thread.sleep(200);
            }
            Thread.sleep(500);
            long before = topics.endOffsets(kafkaTopic);
            long perMessage = "metric".equals(shape) ? METRICS : 1;
            long start = System.nanoTime();
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                try {
                    for (long i = 0; i < n; i++) {
                        publisher.publish(prefix + "DDATA/e/d0", ddata[(int) (i % 256)], 1);
                    }
                    publisher.drain();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CountWatch.Outcome out = CountWatch.await(start, () -> topics.endOffsets(kafkaTopic) - before,
                n * perMessage, POLL, Duration.ofMinutes(5), STALL);
            publishing.join();
            return out.finalCount() / (double) perMessage / out.secondsFromStart();
        } finally {
            harness.connect().deleteConnector(config.name());
        }
    }
}
