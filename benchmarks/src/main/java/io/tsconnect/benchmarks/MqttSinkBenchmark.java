package io.tsconnect.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.mqtt.HiveMqBroker;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;

/**
 * Records/s from Kafka to an MQTT broker through the MQTT sink connector, counted when the broker acknowledged them
 * (QoS 1) or they were written (QoS 0), beside a plain HiveMQ-client publisher with the same in-flight window on the
 * same broker in the same run, for mosquitto and embedded HiveMQ CE.
 */
public final class MqttSinkBenchmark implements Benchmark {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration STALL = Duration.ofSeconds(10);
    /** The connector's default mqtt.max.in.flight; the broker's Receive Maximum lowers it on both sides. */
    private static final int WINDOW = 1000;
    private int variantCounter;

    @Override
    public String name() {
        return "mqtt-sink";
    }

    @Override
    public String description() {
        return "MQTT sink records/s published and acknowledged (QoS 0/1, mosquitto and HiveMQ CE) vs a plain "
            + "HiveMQ-client publisher with the same in-flight window";
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
        int runs = (int) options.longValue("runs", 3);
        recorder.step("starting Kafka + one Connect worker with the packaged MQTT sink plugin");
        try (ConnectHarness harness = ConnectHarness.builder().name("bench-mqtt-sink").plugins("mqtt-sink-connector")
                 .workers(1).start();
             KafkaTopics topics = new KafkaTopics(harness.bootstrapServers())) {
            for (String broker : brokers) {
                try (AutoCloseable server = "hivemq".equals(broker) ? MqttBenchmark.hivemq()
                    : MosquittoBroker.builder().start()) {
                    String uri = server instanceof HiveMqBroker h ? h.uri() : ((MosquittoBroker) server).uri();
                    recorder.step("warm-up on " + broker + " (not reported)");
                    plainPublisher(recorder, uri, 1, Math.min(n, 20_000));
                    connector(recorder, harness, topics, broker, uri, 1, Math.min(n, 20_000), 0);
                    for (int qos : qosLevels) {
                        List<Result> rounds = new ArrayList<>();
                        for (int i = 0; i < runs; i++) {
                            double raw = plainPublisher(recorder, uri, qos, n);
                            rounds.add(connector(recorder, harness, topics, broker, uri, qos, n, raw));
                        }
                        recorder.result(Result.medianRound(rounds));
                    }
                }
            }
        }
        recorder.note(String.format("%,d records of %d bytes (JSON) per measurement, already in a one-partition "
            + "Kafka topic when the connector starts; its rate is counted from the first acknowledged message to the "
            + "last (the task's Acknowledged JMX metric, polled every %d ms), so the task's start-up is excluded. "
            + "Connector: one task, ByteArrayConverter, payload.format=bytes, a fixed topic, mqtt.max.in.flight=%d "
            + "(lowered to the broker's Receive Maximum: mosquitto's max_inflight_messages, 20 by default; HiveMQ CE "
            + "set to 1,000 here). Plain publisher: one HiveMQ-client MQTT 5 publisher sending the same payloads "
            + "(made before its clock starts) with the same window (the smaller of %d and the broker's Receive Maximum), timed from the first "
            + "publish to the last acknowledgement. %d rounds per QoS, each the plain publisher then the connector; "
            + "a figure is the round with the median ratio.", n, Payloads.MQTT_PAYLOAD_BYTES, POLL.toMillis(),
            WINDOW, WINDOW, runs));
    }

    /**
     * Rate of a plain publisher with the connector's window, until the broker acknowledged every message. The
     * payloads are made before the clock starts, as the connector's are in Kafka before it starts.
     */
    private double plainPublisher(Recorder recorder, String uri, int qos, long n) throws Exception {
        String topic = "bench-sink/" + (++variantCounter) + "/raw";
        byte[][] payloads = new byte[(int) n][];
        for (int i = 0; i < n; i++) {
            payloads[i] = Payloads.mqttJson(i, MqttPublisher.nowMicros());
        }
        try (MqttPublisher publisher = MqttPublisher.connect(uri, WINDOW)) {
            long start = System.nanoTime();
            for (byte[] payload : payloads) {
                publisher.publish(topic, payload, qos);
            }
            publisher.drain();
            double rate = n / ((System.nanoTime() - start) / 1e9);
            recorder.step(String.format("plain publisher qos%d, window %d: %,.0f msg/s", qos, publisher.window(),
                rate));
            return rate;
        }
    }

    private Result connector(Recorder recorder, ConnectHarness harness, KafkaTopics topics, String broker,
                             String uri, int qos, long n, double raw) throws Exception {
        int id = ++variantCounter;
        String name = "bench-mqtt-sink-" + id;
        String kafkaTopic = "bench-mqtt-sink-" + id;
        harness.kafka().createTopic(kafkaTopic, 1);
        topics.fill(kafkaTopic, n, i -> null,
            i -> new String(Payloads.mqttJson(i, MqttPublisher.nowMicros()), StandardCharsets.UTF_8));
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tsconnect.mqtt.MqttSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", kafkaTopic);
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("consumer.override.auto.offset.reset", "earliest");
        config.put("mqtt.server.uris", uri);
        config.put("mqtt.client.id.prefix", name);
        config.put("mqtt.topic", "bench-sink/" + id + "/data");
        config.put("mqtt.qos", Integer.toString(qos));
        config.put("mqtt.max.in.flight", Integer.toString(WINDOW));
        config.put("payload.format", "bytes");
        long start = System.nanoTime();
        harness.startConnector(name, config, 1);
        try {
            TaskMetrics metrics = new TaskMetrics("mqtt-sink-task", name);
            CountWatch.Outcome out = CountWatch.await(start, () -> acknowledged(metrics), n, POLL,
                Duration.ofMinutes(10), STALL);
            if (!out.reached()) {
                throw new IllegalStateException("The connector acknowledged " + out.finalCount() + " of " + n);
            }
            double rate = out.steadyRate();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("messages", n);
            extra.put("broker", broker);
            extra.put("qos", qos);
            extra.put("window", metrics.attribute("InFlightLimit"));
            if (qos > 0) {
                extra.put("target", 0.8);
            }
            Result result = new Result("mqtt-sink", broker + " qos" + qos, rate, raw, extra);
            recorder.step(String.format("connector %s: %,.0f msg/s acknowledged (ratio %.2f, window %s)",
                result.variant(), rate, result.ratio(), extra.get("window")));
            return result;
        } finally {
            harness.connect().deleteConnector(name);
        }
    }

    private static long acknowledged(TaskMetrics metrics) {
        double value = metrics.number("Acknowledged");
        return Double.isNaN(value) ? 0 : (long) value;
    }
}
