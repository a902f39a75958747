package io.tsconnect.mqtt.sink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Per Kafka partition (as consumed, before any SMT renamed the topic): the accepted records in offset order until
 * each is finished (acknowledged, skipped or reported), and the offset to commit, which never passes a record that
 * is not. Task thread only.
 */
final class DeliveryLedger {
    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    private static final class Partition {
        final ArrayDeque<Delivery> open = new ArrayDeque<>();
        long accepted = -1;
        long committable = -1;
    }

    /** Whether {@code record} is new: not at or below an offset already accepted (Connect redelivers a batch). */
    boolean isNew(SinkRecord record) {
        Partition p = partitions.get(partitionOf(record));
        return p == null || record.originalKafkaOffset() > p.accepted;
    }

    /** Appends an accepted record. */
    void add(Delivery delivery) {
        Partition p = partitions.computeIfAbsent(partitionOf(delivery.record), tp -> new Partition());
        p.accepted = delivery.offset;
        p.open.addLast(delivery);
    }

    /**
     * Moves every partition's committable offset past its finished records, handing rejected ones to
     * {@code report} first (which marks them done or throws).
     *
     * @return how many deliveries finished
     */
    int settle(Consumer<Delivery> report) {
        int finished = 0;
        for (Partition p : partitions.values()) {
            for (Delivery head = p.open.peekFirst(); head != null; head = p.open.peekFirst()) {
                if (head.state() == Delivery.State.REJECTED) {
                    report.accept(head);
                }
                if (head.state() != Delivery.State.ACKED && head.state() != Delivery.State.DONE) {
                    break;
                }
                p.open.pollFirst();
                p.committable = head.offset + 1;
                finished++;
            }
        }
        return finished;
    }

    /** Every delivery waiting to be published (again), in offset order within each partition. */
    List<Delivery> unsent() {
        List<Delivery> out = new ArrayList<>();
        for (Partition p : partitions.values()) {
            for (Delivery d : p.open) {
                if (d.state() == Delivery.State.UNSENT) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** Takes every delivery still waiting for an answer from a connection that is gone as unsent. */
    void abandonSending() {
        for (Partition p : partitions.values()) {
            for (Delivery d : p.open) {
                if (d.state() == Delivery.State.SENDING) {
                    d.lost();
                }
            }
        }
    }

    /** When the oldest unacknowledged publish was sent, or {@code Long.MAX_VALUE} when none is. */
    long oldestSendingNanos() {
        long oldest = Long.MAX_VALUE;
        for (Partition p : partitions.values()) {
            for (Delivery d : p.open) {
                if (d.state() == Delivery.State.SENDING) {
                    // Sent in offset order: the first one sending is the partition's oldest.
                    oldest = Math.min(oldest, d.sentNanos());
                    break;
                }
            }
        }
        return oldest;
    }

    /** The offsets safe to commit for {@code assigned}: only partitions where a record has finished. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : assigned) {
            Partition p = partitions.get(tp);
            if (p != null && p.committable >= 0) {
                out.put(tp, new OffsetAndMetadata(p.committable));
            }
        }
        return out;
    }

    /** Records accepted and not finished. */
    int open() {
        return partitions.values().stream().mapToInt(p -> p.open.size()).sum();
    }

    /** Drops revoked partitions: their next owner re-reads them from the committed offset. */
    void forget(Collection<TopicPartition> revoked) {
        for (Iterator<TopicPartition> it = partitions.keySet().iterator(); it.hasNext(); ) {
            if (revoked.contains(it.next())) {
                it.remove();
            }
        }
    }

    private static TopicPartition partitionOf(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }
}
