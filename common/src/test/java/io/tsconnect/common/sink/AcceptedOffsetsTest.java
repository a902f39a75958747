package io.tsconnect.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class AcceptedOffsetsTest {
    private static final TopicPartition TP = new TopicPartition("readings", 0);

    private static SinkRecord record(long offset) {
        return new SinkRecord("readings", 0, null, null, null, "v" + offset, offset);
    }

    /** What RegexRouter makes of a record: a new topic name, the consumed topic, partition and offset kept. */
    private static SinkRecord renamed(long offset) {
        SinkRecord r = record(offset);
        return r.newRecord("table_" + r.topic(), r.kafkaPartition(), null, null, null, r.value(), r.timestamp());
    }

    @Test
    void recordsConnectDeliversAgainAreNotAcceptedTwice() {
        AcceptedOffsets offsets = new AcceptedOffsets();
        assertTrue(offsets.accept(record(0)));
        assertTrue(offsets.accept(record(1)));
        assertFalse(offsets.accept(record(0)), "redelivered after a retriable failure");
        assertFalse(offsets.accept(record(1)));
        assertTrue(offsets.accept(record(2)));
    }

    @Test
    void offsetsOfRecordsRenamedByAnSmtAreCommittedUnderThePartitionTheyWereConsumedFrom() {
        AcceptedOffsets offsets = new AcceptedOffsets();
        List<SinkRecord> batch = List.of(renamed(0), renamed(1), renamed(2));
        batch.forEach(offsets::accept);
        assertFalse(offsets.accept(renamed(1)), "a redelivered renamed record is recognised too");
        assertEquals(Map.of(TP, new OffsetAndMetadata(1)), offsets.committable(List.of(TP), List.of(batch.subList(1, 3))),
            "up to the first record not yet written");
        assertEquals(Map.of(TP, new OffsetAndMetadata(3)), offsets.committable(List.of(TP), List.of()));
    }

    @Test
    void theFirstUnwrittenRecordOfAnyListBoundsTheCommitAndUnknownPartitionsGetNothing() {
        AcceptedOffsets offsets = new AcceptedOffsets();
        for (long i = 0; i < 10; i++) {
            offsets.accept(record(i));
        }
        TopicPartition other = new TopicPartition("readings", 1);
        assertEquals(Map.of(TP, new OffsetAndMetadata(4)), offsets.committable(List.of(TP, other),
            List.of(List.of(record(7), record(8)), List.of(record(4), record(9)))));
    }

    @Test
    void aRevokedPartitionIsForgottenSoItsRecordsAreAcceptedAgainWhenItComesBack() {
        AcceptedOffsets offsets = new AcceptedOffsets();
        offsets.accept(record(5));
        offsets.forget(List.of(TP));
        assertEquals(Map.of(), offsets.committable(List.of(TP), List.of()));
        assertTrue(offsets.accept(record(3)), "the next owner starts from the committed offset, below 5");
        assertTrue(AcceptedOffsets.consumedFromAny(List.of(TP), renamed(3)));
        assertFalse(AcceptedOffsets.consumedFromAny(List.of(new TopicPartition("table_readings", 0)), renamed(3)));
    }
}
