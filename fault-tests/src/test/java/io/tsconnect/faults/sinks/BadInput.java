package io.tsconnect.faults.sinks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.tsconnect.testsupport.ConnectHarness;

/**
 * Bad-input fixtures shared by the sink bad-input ITs: one input ({@link Case}), whether the sink must write it
 * ({@code good}) or route it to the dead letter queue, a producer for raw bytes up to 16 MB, and the broker and
 * worker settings that let a 5 MB record travel through Kafka and the DLQ producer.
 */
final class BadInput {
    /** Largest record the ITs produce (and the broker, producers and DLQ producer accept). */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    /** How long a task may take to write, report or fail; a task still busy after this counts as hung. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private BadInput() {
    }

    /** One input: {@code value} null is a tombstone. */
    record Case(String name, byte[] value, boolean good) {
        static Case good(String name, String json) {
            return new Case(name, json.getBytes(StandardCharsets.UTF_8), true);
        }

        static Case bad(String name, String json) {
            return new Case(name, json.getBytes(StandardCharsets.UTF_8), false);
        }

        static Case bad(String name, byte[] raw) {
            return new Case(name, raw, false);
        }

        String fingerprint() {
            return fingerprint(value);
        }

        static String fingerprint(byte[] bytes) {
            return bytes == null ? "<null>" : Base64.getEncoder().encodeToString(bytes);
        }
    }

    /** Lets records of up to {@link #MAX_BYTES} through the broker and the workers' DLQ producer. */
    static ConnectHarness.Builder allowLargeRecords(ConnectHarness.Builder builder) {
        return builder.brokerProp("message.max.bytes", String.valueOf(MAX_BYTES))
            .workerProp("producer.max.request.size", String.valueOf(MAX_BYTES));
    }

    /** Produces every case in order to partition 0 of {@code topic}, keyed by the case name; returns the offsets. */
    static List<Long> produce(String bootstrapServers, String topic, List<Case> cases) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_BYTES),
            ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(4L * MAX_BYTES)),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Long> offsets = new ArrayList<>();
            for (Case c : cases) {
                offsets.add(producer.send(new ProducerRecord<>(topic, 0,
                    c.name().getBytes(StandardCharsets.UTF_8), c.value())).get(30, TimeUnit.SECONDS).offset());
            }
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot produce the bad-input cases to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** How many records partition 0 of {@code topic} holds (0 while it does not exist). */
    static long size(ConnectHarness harness, String topic) {
        try {
            return harness.kafka().endOffset(new TopicPartition(topic, 0));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** A JSON string of {@code n} ASCII letters. */
    static String letters(int n) {
        return "x".repeat(n);
    }

    /** The fingerprints of the values of {@code records}. */
    static List<String> fingerprints(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> Case.fingerprint(r.value())).sorted().toList();
    }
}
