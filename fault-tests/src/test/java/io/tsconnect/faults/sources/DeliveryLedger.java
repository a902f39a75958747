package io.tsconnect.faults.sources;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;

/**
 * Reads a Kafka topic from the beginning and counts how often each identity (a payload, a key) arrived, so a test
 * can say what was lost and what was duplicated.
 */
public final class DeliveryLedger implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Function<ConsumerRecord<byte[], byte[]>, String> identity;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, ConsumerRecord<byte[], byte[]>> last = new HashMap<>();
    private long records;

    private DeliveryLedger(ConnectHarness harness, String topic,
                           Function<ConsumerRecord<byte[], byte[]>, String> identity) {
        this.identity = identity;
        this.consumer = harness.kafka().createConsumerAndSubscribeTo(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, "ledger-" + topic + "-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), topic);
    }

    /** Counts records by their value as UTF-8 text. */
    public static DeliveryLedger byValue(ConnectHarness harness, String topic) {
        return new DeliveryLedger(harness, topic, r -> text(r.value()));
    }

    /** Counts records by their key as UTF-8 text. */
    public static DeliveryLedger byKey(ConnectHarness harness, String topic) {
        return new DeliveryLedger(harness, topic, r -> text(r.key()));
    }

    /** Reads what arrived since the last call. */
    public synchronized DeliveryLedger poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            String id = identity.apply(r);
            counts.merge(id, 1, Integer::sum);
            last.put(id, r);
            records++;
        }
        return this;
    }

    /** Reads at least up to the topic's end as of now (records keep arriving: "caught up" is a moment). */
    public synchronized DeliveryLedger drain() {
        poll();
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
            && System.nanoTime() < deadline) {
            poll();
        }
        return this;
    }

    /** The last record read with identity {@code id}, or {@code null}. */
    synchronized ConsumerRecord<byte[], byte[]> last(String id) {
        return last.get(id);
    }

    /** Every identity read. */
    synchronized java.util.Set<String> identities() {
        return java.util.Set.copyOf(counts.keySet());
    }

    public synchronized int distinct() {
        return counts.size();
    }

    public synchronized long records() {
        return records;
    }

    /** Records beyond the first of each identity. */
    public synchronized long duplicates() {
        return records - counts.size();
    }

    /** The expected identities not (yet) seen. */
    public synchronized List<String> missing(Collection<String> expected) {
        return expected.stream().filter(e -> !counts.containsKey(e)).collect(Collectors.toList());
    }

    /** How many identities arrived exactly {@code times} times, for a histogram in the test output. */
    public synchronized Map<Integer, Long> multiplicity() {
        return counts.values().stream().collect(Collectors.groupingBy(c -> c, java.util.TreeMap::new,
            Collectors.counting()));
    }

    /** Waits until every expected identity has arrived. */
    void awaitAll(Collection<String> expected, Duration timeout, java.util.function.Supplier<String> state) {
        Await.until(expected.size() + " distinct records", timeout, () -> poll().missing(expected).isEmpty(),
            () -> {
                List<String> missing = missing(expected);
                return missing.size() + " missing (first " + missing.stream().limit(10).toList() + "), "
                    + records() + " records read; " + state.get();
            });
    }

    /** Waits until at least {@code n} distinct identities have arrived. */
    void awaitDistinct(int n, Duration timeout, java.util.function.Supplier<String> state) {
        Await.until(n + " distinct records", timeout, () -> poll().distinct() >= n,
            () -> distinct() + " distinct; " + state.get());
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
