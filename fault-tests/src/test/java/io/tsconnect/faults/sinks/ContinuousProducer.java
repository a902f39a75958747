package io.tsconnect.faults.sinks;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces records with increasing ids to one topic at a steady pace on a background thread while a test injects
 * faults, and remembers which ids Kafka acknowledged: those are the records a sink must not lose.
 *
 * <p>The producer is idempotent with {@code acks=all} and a long delivery timeout, so that a broker restart only
 * delays sends; an id whose send failed for good is counted in {@link #failed()}, never in {@link #acked()}.
 */
public final class ContinuousProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final LongFunction<String> value;
    private final int perTick;
    private final NavigableSet<Long> acked = new ConcurrentSkipListSet<>();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private long nextId;

    /**
     * @param bootstrapServers Kafka
     * @param topic the topic written
     * @param perTick records sent every 10 ms (100 ticks a second)
     * @param value the JSON value of the record with the given id; the key is the id as text
     */
    public ContinuousProducer(String bootstrapServers, String topic, int perTick, LongFunction<String> value) {
        this.topic = topic;
        this.value = value;
        this.perTick = perTick;
        this.producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            // A broker restart takes seconds: keep retrying rather than failing sends.
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "180000"),
            new ByteArraySerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "fault-producer-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts sending. */
    public ContinuousProducer start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            for (int i = 0; i < perTick; i++) {
                long id = nextId++;
                byte[] bytes = value.apply(id).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, Long.toString(id).getBytes(StandardCharsets.UTF_8),
                    bytes), (metadata, error) -> {
                        if (error == null) {
                            acked.add(id);
                        } else {
                            failed.incrementAndGet();
                        }
                    });
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops sending and waits until every record sent so far is acknowledged or failed. */
    public void stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
    }

    /** The ids Kafka acknowledged. */
    public NavigableSet<Long> acked() {
        return acked;
    }

    /** How many sends failed for good. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        running = false;
        producer.close();
    }
}
