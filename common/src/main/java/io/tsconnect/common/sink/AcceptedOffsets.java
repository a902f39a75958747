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
    private final Map<TopicPartition, Long> accepted = new HashMap<>();
    private TopicPartition last;

    /**
     * Accepts {@code record} when it lies past the last record accepted from its partition; false for one Connect
     * delivers again (after a retriable failure, the whole batch comes back).
     */
    public boolean accept(SinkRecord record) {
        TopicPartition tp = partitionOf(record);
        long offset = record.originalKafkaOffset();
        Long seen = accepted.get(tp);
        if (seen != null && offset <= seen) {
            return false;
        }
        accepted.put(tp, offset);
        return true;
    }

    /** The record's partition as consumed, reusing the previous record's object (a batch is mostly one partition). */
    private TopicPartition partitionOf(SinkRecord record) {
        TopicPartition tp = last;
        if (tp == null || tp.partition() != record.originalKafkaPartition()
            || !tp.topic().equals(record.originalTopic())) {
            tp = consumedFrom(record);
            last = tp;
        }
        return tp;
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
            Long seen = accepted.get(tp);
            Long next = first != null ? first : seen != null ? Long.valueOf(seen + 1) : null;
            if (next != null) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    /** Forgets revoked {@code partitions}: their next owner starts from the committed offset. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(accepted::remove);
        last = null;
    }
}
