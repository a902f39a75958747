package io.tsconnect.questdb;

import org.apache.kafka.connect.sink.SinkRecord;

/** Names a record by topic, partition and offset for log lines and errors (never its payload). */
final class RecordIds {
    private RecordIds() {
    }

    static String of(SinkRecord record) {
        return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }
}
