package io.tsconnect.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Fills topics before a sink benchmark and counts what a source benchmark wrote. */
public final class KafkaTopics implements AutoCloseable {
    private final String bootstrap;
    private final KafkaConsumer<byte[], byte[]> consumer;

    public KafkaTopics(String bootstrapServers) {
        this.bootstrap = bootstrapServers;
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
    }

    /**
     * Produces {@code n} records ({@code value(i)} as UTF-8, key = the device) and waits until all are
     * acknowledged.
     *
     * @return records per second of the fill
     */
    public double fill(String topic, long n, LongFunction<String> key, LongFunction<String> value) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
            ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
            new ByteArraySerializer())) {
            for (long i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, bytes(key.apply(i)), bytes(value.apply(i))));
            }
            producer.flush();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** The sum of the end offsets of {@code topic}'s partitions (its record count when nothing was deleted). */
    public synchronized long endOffsets(String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            return 0;
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
            .collect(Collectors.toList());
        return consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Reads {@code topic} from its start to its current end with a consumer of its own, handing each record's
     * value to {@code each}.
     *
     * @return the records read
     */
    public long readAll(String topic, java.util.function.Consumer<byte[]> each) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("max.poll.records", "2000");
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> tps = reader.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            reader.assign(tps);
            reader.seekToBeginning(tps);
            long end = reader.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
            while (read < end) {
                for (var record : reader.poll(java.time.Duration.ofMillis(500))) {
                    each.accept(record.value());
                    read++;
                }
            }
        }
        return read;
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
