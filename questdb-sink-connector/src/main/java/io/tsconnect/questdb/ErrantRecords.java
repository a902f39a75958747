package io.tsconnect.questdb;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Hands records that cannot be written to Connect's {@link ErrantRecordReporter} (the DLQ and error log), or
 * fails the task with a message naming the record when there is no reporter or errors.tolerance is none.
 */
public final class ErrantRecords {
    private final ErrantRecordReporter reporter;

    /** @param reporter the task context's reporter, or null on a worker without one */
    public ErrantRecords(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    /** Reports {@code record}; Connect waits for the report before committing its offset. */
    public void report(SinkRecord record, Exception error) {
        if (reporter == null) {
            throw new ConnectException("Cannot write record " + RecordIds.of(record) + " to QuestDB and no errant "
                + "record reporter is available: " + error.getMessage(), error);
        }
        try {
            reporter.report(record, error);
        } catch (ConnectException e) {
            throw new ConnectException("Cannot write record " + RecordIds.of(record) + " to QuestDB and "
                + "errors.tolerance does not allow skipping it: " + error.getMessage(), error);
        }
    }
}
