package io.tsconnect.questdb;

import java.util.List;

import org.apache.kafka.connect.errors.DataException;

/**
 * The outcome of sending one batch on the sender thread, applied to the writer's state on the task thread.
 *
 * @param unresolved rows neither acknowledged nor rejected (the batch stopped at {@code failure}), in order
 * @param rejected rows QuestDB or the client refused; they go to the DLQ
 * @param failure why the batch stopped early: a {@link QuestDbWriter.FlushFailedException} (transient) or
 *                another exception (fatal), or null when every row was acknowledged or rejected
 */
record BatchResult(List<PendingRow> unresolved, List<Rejected> rejected, RuntimeException failure) {
    /** A row that cannot be written, with the reason that goes to the DLQ. */
    record Rejected(PendingRow row, DataException error) {
    }
}
