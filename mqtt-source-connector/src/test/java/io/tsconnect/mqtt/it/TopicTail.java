package io.tsconnect.mqtt.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;

/** Reads a Kafka topic from the beginning and keeps every record, to count what arrived and what arrived twice. */
public final class TopicTail implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    public TopicTail(ConnectHarness harness, String topic) {
        consumer = harness.kafka().createConsumerAndSubscribeTo(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, "tail-" + topic + "-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), topic);
    }

    /** Polls once and returns everything read so far. */
    public synchronized List<ConsumerRecord<byte[], byte[]>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return List.copyOf(records);
    }

    /** Distinct values read so far, as text. */
    public Set<String> distinctValues() {
        Set<String> values = new HashSet<>();
        poll().forEach(r -> values.add(text(r.value())));
        return values;
    }

    /** Waits until at least {@code n} distinct values have been read and returns all records. */
    public List<ConsumerRecord<byte[], byte[]>> awaitDistinct(int n, Duration timeout) {
        Await.until(n + " distinct records", timeout, () -> distinctValues().size() >= n,
            () -> distinctValues().size() + " distinct of " + records.size() + " records");
        return poll();
    }

    /** Waits until at least {@code n} records have been read and returns all records. */
    public List<ConsumerRecord<byte[], byte[]>> await(int n, Duration timeout) {
        Await.until(n + " records", timeout, () -> poll().size() >= n, () -> records.size() + " records");
        return poll();
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
