package io.tsconnect.common.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A sink's record of what it accepted, per Kafka partition as consumed: a record's {@code original*} topic,
 * partition and offset, which an SMT that renames the topic (RegexRouter, to pick a table or key) does not change.
 * Connect asks {@code preCommit} for those partitions; keyed by the renamed topic, no offset would ever be committed
 * and every restart would re-read the topic from the start. Task thread only.
 */
public final class AcceptedOffsets {
    /** Per partition, the offset of the last accepted record in a one-element array (-1: none yet). */
    private final Map<TopicPartition, long[]> accepted = new HashMap<>();
    private TopicPartition last;
    private long[] lastAccepted;

    /**
     * Accepts {@code record} when it lies past the last record accepted from its partition; false for one Connect
     * delivers again (after a retriable failure, the whole batch comes back).
     */
    public boolean accept(SinkRecord record) {
        long[] seen = acceptedOf(record);
        long offset = record.originalKafkaOffset();
        if (offset <= seen[0]) {
            return false;
        }
        seen[0] = offset;
        return true;
    }

    /**
     * The accepted offset of the record's partition as consumed; looked up only when the partition differs from the
     * previous record's (a batch is mostly one partition), so a record costs no lookup and no boxed offset.
     */
    private long[] acceptedOf(SinkRecord record) {
        TopicPartition tp = last;
        if (tp == null || tp.partition() != record.originalKafkaPartition()
            || !tp.topic().equals(record.originalTopic())) {
            tp = consumedFrom(record);
            last = tp;
            lastAccepted = accepted.computeIfAbsent(tp, k -> new long[] {-1});
        }
        return lastAccepted;
    }

    /** The partition {@code record} was consumed from, whatever an SMT renamed its topic to. */
    public static TopicPartition consumedFrom(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }

    /** True when {@code record} was consumed from one of {@code partitions}. */
    public static boolean consumedFromAny(Collection<TopicPartition> partitions, SinkRecord record) {
        return partitions.contains(consumedFrom(record));
    }

    /**
     * The offsets safe to commit for {@code partitions}: up to the first record not yet written (buffered or in
     * flight, as listed in {@code unwritten}), or past the last accepted record when the partition has none.
     */
    public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions,
                                                              Collection<? extends Collection<SinkRecord>> unwritten) {
        Map<TopicPartition, Long> firstUnwritten = new HashMap<>();
        for (Collection<SinkRecord> records : unwritten) {
            for (SinkRecord r : records) {
                firstUnwritten.merge(consumedFrom(r), r.originalKafkaOffset(), Math::min);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long first = firstUnwritten.get(tp);
            long[] seen = accepted.get(tp);
            if (first != null) {
                offsets.put(tp, new OffsetAndMetadata(first));
            } else if (seen != null && seen[0] >= 0) {
                offsets.put(tp, new OffsetAndMetadata(seen[0] + 1));
            }
        }
        return offsets;
    }

    /** Forgets revoked {@code partitions}: their next owner starts from the committed offset. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(accepted::remove);
        last = null;
        lastAccepted = null;
    }
}
