package io.tsconnect.mqtt.sink;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Hands records that cannot be published to Connect's {@link ErrantRecordReporter} (the dead letter queue and error
 * log), or fails the task with a message naming the record when there is no reporter or errors.tolerance is none.
 * Connect waits for the reports before it commits the records' offsets.
 */
public final class ErrantRecords {
    private final ErrantRecordReporter reporter;

    /** @param reporter the task context's reporter, or null on a worker without one */
    public ErrantRecords(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    /** Reports {@code record} with {@code reason}. */
    public void report(SinkRecord record, String reason) {
        UnpublishableRecordException error = new UnpublishableRecordException(reason);
        if (reporter == null) {
            throw new ConnectException("Cannot publish record " + id(record) + " and no errant record reporter is "
                + "available: " + reason, error);
        }
        try {
            reporter.report(record, error);
        } catch (ConnectException e) {
            throw new ConnectException("Cannot publish record " + id(record) + " and errors.tolerance does not "
                + "allow skipping it: " + reason, error);
        }
    }

    /** Names a record by topic, partition and offset (never its payload). */
    static String id(SinkRecord record) {
        return record.originalTopic() + "-" + record.originalKafkaPartition() + "@" + record.originalKafkaOffset();
    }
}
