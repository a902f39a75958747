package io.tsconnect.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.mqtt.HiveMqBroker;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;

/**
 * End-to-end latency of the reference pipeline, MQTT publish → MQTT source → Kafka → QuestDB sink → row visible in
 * QuestDB, at fixed publish rates. Each message carries its publish time and a sequence number; QuestDB is polled
 * for sequence numbers not seen before, and a message's latency is the start of the first poll that returned it
 * minus its publish time.
 */
public final class LatencyBenchmark implements Benchmark {
    private static final String TABLE = "bench_latency";
    private static final String KAFKA_TOPIC = "bench-latency";
    private static final Duration DRAIN_STALL = Duration.ofSeconds(30);
    /** The longest wait for a backlog after publishing stops, so a rate the pipeline cannot take ends the run. */
    private static final Duration DRAIN_MAX = Duration.ofSeconds(90);

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public String description() {
        return "MQTT publish → row visible in QuestDB, p50/p99 at fixed rates (--rates 1000,10000,50000)";
    }

    @Override
    public void run(Options options, Recorder recorder) throws Exception {
        List<Integer> rates = options.ints("rates", List.of(1_000, 10_000, 50_000));
        // 0: the sink's flush.interval.ms as shipped; others override it, to show what the setting trades.
        List<Integer> flushes = options.ints("flush-ms", List.of(0, 100));
        double seconds = options.longValue("seconds", 10);
        long pollMs = options.longValue("poll-ms", 20);
        int tasks = (int) options.longValue("latency-tasks", 1);
        // mosquitto by default: HiveMQ CE keeps ~10 unacknowledged messages in flight per subscriber, so with
        // acknowledgement after Kafka it caps the rate and the figure would measure its queue, not the pipeline.
        String brokerName = options.words("brokers", List.of(MosquittoBroker.available() ? "mosquitto" : "hivemq"),
            Set.of("hivemq", "mosquitto")).get(0);
        recorder.step("starting QuestDB, " + brokerName + ", Kafka + one Connect worker with the MQTT source and "
            + "QuestDB sink plugins");
        double queryMillis = 0;
        try (EmbeddedQuestDb db = EmbeddedQuestDb.start();
             AutoCloseable broker = "hivemq".equals(brokerName) ? MqttBenchmark.hivemq()
                 : MosquittoBroker.builder().start();
             ConnectHarness harness = ConnectHarness.builder().name("bench-latency")
                 .plugins("mqtt-source-connector", "questdb-sink-connector").workers(1).start()) {
            String uri = broker instanceof HiveMqBroker h ? h.uri() : ((MosquittoBroker) broker).uri();
            harness.kafka().createTopic("device-readings-dlq", 1);
            long shippedFlush = shippedFlushIntervalMs(harness, db);
            for (int i = 0; i < flushes.size(); i++) {
                Pipeline pipeline = new Pipeline(i, flushes.get(i) == 0 ? shippedFlush : flushes.get(i),
                    flushes.get(i) == 0);
                recorder.step(String.format("pipeline %d: sink flush.interval.ms %d%s", i + 1, pipeline.flushMs,
                    pipeline.shipped ? " (as shipped)" : ""));
                pipeline.start(harness, db, uri, tasks);
                Poller poller = new Poller(db, pipeline.table(), Duration.ofMillis(pollMs));
                measure(recorder, uri, poller, pipeline, rates, seconds, pollMs);
                pipeline.stop(harness);
                queryMillis = Math.max(queryMillis, poller.meanQueryMillis());
            }
            recorder.note(String.format("Pipeline: %s broker, MQTT source from connector-configs/mqtt-source.json "
                + "(QoS 1, acknowledged after Kafka; %d task(s)%s), QuestDB sink from "
                + "questdb-sink-readings.json, one Connect worker, one Kafka partition, all in one JVM. Each "
                + "sink flush.interval.ms is a fresh pair of connectors, Kafka topic and table; 'as shipped' is the "
                + "connector's default (%d ms), the other values are overrides that trade more, smaller requests "
                + "for latency (rows are also flushed at flush.rows and after flush.idle.ms without records).",
                brokerName, tasks, tasks > 1 ? " over a shared subscription" : "", shippedFlush));
            recorder.note(String.format("Polling resolution: QuestDB is queried every %d ms (mean query time at most "
                + "%.1f ms) for sequence numbers not seen yet; a row's latency is taken at the start of the first "
                + "query that returns it, so a figure can be up to one polling interval plus one query later than "
                + "the moment the row became visible. Publish times use the same JVM clock (microseconds).", pollMs,
                queryMillis));
            recorder.note("Achieved rate: messages published ÷ time spent publishing; the publisher keeps at most "
                + "5,000 publishes unacknowledged by the broker, so a broker or pipeline that cannot keep up "
                + "lowers it below the target.");
        }
    }

    /** Warm-up, then each rate in turn until one cannot be drained. */
    private static void measure(Recorder recorder, String uri, Poller poller, Pipeline pipeline, List<Integer> rates,
                                double seconds, long pollMs) throws Exception {
        try (MqttPublisher publisher = MqttPublisher.connect(uri)) {
            long seq = 0;
            recorder.step("warm-up: 100 msg/s for 3 s");
            seq += phase(publisher, poller, pipeline.mqttTopic(), seq, 100, 3).published;
            for (int rate : rates) {
                recorder.step(String.format("%,d msg/s for %.0f s", rate, seconds));
                Phase p = phase(publisher, poller, pipeline.mqttTopic(), seq, rate, seconds);
                seq += p.published;
                recorder.result(p.result(rate, pollMs, pipeline));
                if (!p.drained) {
                    recorder.note(String.format("Sink flush.interval.ms %d: at %,d msg/s only %,d of %,d messages "
                        + "became visible within %d s after publishing stopped (or the pipeline stalled for %d s): "
                        + "its percentiles cover only those and understate the latency; higher rates were not "
                        + "attempted.", pipeline.flushMs, rate, p.seen, p.published, DRAIN_MAX.toSeconds(),
                        DRAIN_STALL.toSeconds()));
                    break;
                }
            }
        }
    }

    /** The QuestDB sink's default flush.interval.ms, as the worker reports it for the shipped config. */
    private static long shippedFlushIntervalMs(ConnectHarness harness, EmbeddedQuestDb db) {
        ConnectorConfigs sink = ConnectorConfigs.load("questdb-sink-readings.json")
            .with(Map.of("client.conf.string", db.ilpHttpConf()));
        return harness.connect().validateConnectorConfig(sink.config().get("connector.class"), sink.config())
            .configs().stream().filter(c -> FLUSH_INTERVAL.equals(c.configKey() == null ? null : c.configKey().name()))
            .map(c -> c.configValue().value() != null ? c.configValue().value() : c.configKey().defaultValue())
            .map(Long::parseLong).findFirst()
            .orElseThrow(() -> new IllegalStateException("The worker does not list " + FLUSH_INTERVAL));
    }

    private static final String FLUSH_INTERVAL = "flush.interval.ms";

    /** One MQTT source + QuestDB sink pair with its own MQTT filter, Kafka topic and table. */
    record Pipeline(int index, long flushMs, boolean shipped) {
        String mqttTopic() {
            return "latency/" + index + "/d/value";
        }

        String table() {
            return TABLE + "_" + index;
        }

        private String kafkaTopic() {
            return KAFKA_TOPIC + "-" + index;
        }

        void start(ConnectHarness harness, EmbeddedQuestDb db, String uri, int tasks) {
            harness.kafka().createTopic(kafkaTopic(), 1);
            Map<String, String> source = new HashMap<>();
            source.put("mqtt.server.uris", uri);
            source.put("mqtt.topic.filters", "latency/" + index + "/#");
            source.put("kafka.topic", kafkaTopic());
            source.put("mqtt.client.id.prefix", "bench-latency-" + index);
            source.put("tasks.max", Integer.toString(tasks));
            if (tasks > 1) {
                source.put("mqtt.shared.subscription.group", "bench-latency-" + index);
            }
            ConnectorConfigs mqtt = ConnectorConfigs.load("mqtt-source.json").named("bench-latency-mqtt-" + index)
                .with(source);
            harness.startConnector(mqtt.name(), mqtt.config(), tasks);
            Map<String, String> sinkOverrides = new HashMap<>(Map.of("topics", kafkaTopic(), "table", table(),
                "client.conf.string", db.ilpHttpConf()));
            if (!shipped) {
                sinkOverrides.put(FLUSH_INTERVAL, Long.toString(flushMs));
            }
            ConnectorConfigs sink = ConnectorConfigs.load("questdb-sink-readings.json")
                .named("bench-latency-sink-" + index).with(sinkOverrides);
            harness.startConnector(sink.name(), sink.config(), 1);
        }

        void stop(ConnectHarness harness) {
            harness.connect().deleteConnector("bench-latency-mqtt-" + index);
            harness.connect().deleteConnector("bench-latency-sink-" + index);
        }
    }

    /** Publishes at {@code rate} for {@code seconds} while polling, then polls until all rows are visible. */
    private static Phase phase(MqttPublisher publisher, Poller poller, String mqttTopic, long firstSeq, int rate,
                               double seconds) throws Exception {
        Phase phase = new Phase(firstSeq, (long) (rate * seconds));
        poller.startPhase(phase);
        long start = System.nanoTime();
        CompletableFuture<Long> published = CompletableFuture.supplyAsync(() -> {
            try {
                long count = publisher.publishAtRate(mqttTopic, firstSeq, rate, seconds, 1);
                phase.publishSeconds = (System.nanoTime() - start) / 1e9;
                publisher.drain();
                return count;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        long lastProgress = System.nanoTime();
        long lastSeen = -1;
        while (!published.isDone() || phase.seen < phase.expected) {
            poller.pollOnce();
            if (phase.seen != lastSeen) {
                lastSeen = phase.seen;
                lastProgress = System.nanoTime();
            } else if (published.isDone() && System.nanoTime() - lastProgress > DRAIN_STALL.toNanos()) {
                break;
            }
            if (published.isDone() && phase.drainDeadline == 0) {
                phase.drainDeadline = System.nanoTime() + DRAIN_MAX.toNanos();
            } else if (phase.drainDeadline != 0 && System.nanoTime() > phase.drainDeadline) {
                break;
            }
            poller.sleep();
        }
        phase.published = published.get();
        phase.drained = phase.seen >= phase.expected;
        return phase;
    }

    /** One rate's messages and what was seen of them. */
    static final class Phase {
        final long firstSeq;
        final long expected;
        final BitSet seenSeqs = new BitSet();
        final LatencyStats latency = new LatencyStats();
        long seen;
        long published;
        double publishSeconds;
        long drainDeadline;
        boolean drained;

        Phase(long firstSeq, long expected) {
            this.firstSeq = firstSeq;
            this.expected = expected;
        }

        /** Records message {@code seq} as visible at {@code visibleMicros}; duplicates are ignored. */
        void saw(long seq, long sentMicros, long visibleMicros) {
            long offset = seq - firstSeq;
            if (offset < 0 || offset >= expected || seenSeqs.get((int) offset)) {
                return;
            }
            seenSeqs.set((int) offset);
            seen++;
            latency.record(Math.max(0, visibleMicros - sentMicros));
        }

        /** The lowest sequence number not seen yet. */
        long lowWatermark() {
            return firstSeq + seenSeqs.nextClearBit(0);
        }

        Result result(int targetRate, long pollMs, Pipeline pipeline) {
            Map<String, Object> extra = new HashMap<>();
            extra.put("flushIntervalMs", pipeline.flushMs());
            extra.put("flushShipped", pipeline.shipped());
            extra.put("targetRate", targetRate);
            extra.put("samples", seen);
            extra.put("published", published);
            extra.put("p50Ms", latency.percentile(50) / 1000.0);
            extra.put("p99Ms", latency.percentile(99) / 1000.0);
            extra.put("maxMs", latency.percentile(100) / 1000.0);
            extra.put("pollMs", pollMs);
            double achieved = publishSeconds > 0 ? published / publishSeconds : 0;
            return new Result("latency", String.format("rate=%d flush.interval.ms=%d", targetRate,
                pipeline.flushMs()), achieved, 0, extra);
        }
    }

    /** Queries QuestDB for rows of the current phase not seen yet. */
    static final class Poller {
        private final EmbeddedQuestDb db;
        private final String table;
        private final Duration interval;
        private Phase phase;
        private String since;
        private long queries;
        private long queryNanos;

        Poller(EmbeddedQuestDb db, String table, Duration interval) {
            this.db = db;
            this.table = table;
            this.interval = interval;
        }

        void startPhase(Phase p) {
            this.phase = p;
            // Rows carry their publish time as designated timestamp: an interval scan instead of the whole table.
            this.since = Instant.ofEpochMilli(System.currentTimeMillis() - 5_000).toString();
        }

        void pollOnce() {
            long issuedMicros = MqttPublisher.nowMicros();
            long t0 = System.nanoTime();
            List<Map<String, Object>> rows;
            try {
                rows = db.query("select seq, sent from " + table + " where timestamp >= '" + since
                    + "' and seq >= " + phase.lowWatermark());
            } catch (RuntimeException e) {
                return; // the table does not exist before the first flush
            }
            queryNanos += System.nanoTime() - t0;
            queries++;
            for (Map<String, Object> row : rows) {
                phase.saw(((Number) row.get("seq")).longValue(), ((Number) row.get("sent")).longValue(),
                    issuedMicros);
            }
        }

        void sleep() throws InterruptedException {
            Thread.sleep(interval.toMillis());
        }

        double meanQueryMillis() {
            return queries == 0 ? 0 : Math.round(queryNanos / 1e5 / queries) / 10.0;
        }
    }
}
