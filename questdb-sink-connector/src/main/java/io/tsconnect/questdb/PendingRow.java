package io.tsconnect.questdb;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A converted record waiting to be acknowledged by QuestDB. Compared by identity: two records with equal
 * contents are still two rows.
 *
 * @param record the source record (its topic/partition/offset decide what may be committed)
 * @param row the converted row
 */
record PendingRow(SinkRecord record, Row row) {
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
