package io.tsconnect.questdb;

import java.util.List;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The outcome of sending one batch on a sender thread, applied to the writer's state on the task thread.
 *
 * @param unresolved records neither acknowledged nor rejected (the batch stopped at {@code failure}), in order
 * @param rejected records that cannot be converted or that QuestDB or the client refused; they go to the DLQ
 * @param failure why the batch stopped early: a {@link QuestDbWriter.FlushFailedException} (transient) or
 *                another exception (fatal), or null when every record was acknowledged or rejected
 */
record BatchResult(List<SinkRecord> unresolved, List<Rejected> rejected, RuntimeException failure) {
    /** A record that cannot be written, with the reason that goes to the DLQ. */
    record Rejected(SinkRecord record, DataException error) {
    }
}
