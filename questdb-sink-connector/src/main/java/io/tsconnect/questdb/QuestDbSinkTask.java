package io.tsconnect.questdb;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.common.Version;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.questdb.QuestDbWriter.FlushFailedException;
import io.tsconnect.questdb.config.QuestDbSinkConfig;

/**
 * Writes records to QuestDB through a {@link QuestDbWriter}. Transient failures set {@code context.timeout}
 * with backoff and throw a retriable exception (Connect re-delivers the batch; nothing is lost); offsets are
 * committed only for rows QuestDB acknowledged or records sent to the DLQ.
 */
public class QuestDbSinkTask extends SinkTask {
    static final String TASK_ID_CONFIG = "tsconnect.task.id";
    private static final Logger log = LoggerFactory.getLogger(QuestDbSinkTask.class);

    private QuestDbWriter writer;
    private WriterMetrics metrics;
    private RetryConfig retry;

    @Override
    public String version() {
        return Version.of(QuestDbSinkTask.class, "questdb-sink-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        QuestDbSinkConfig config = new QuestDbSinkConfig(props);
        String confString = config.clientConf().value();
        ClientConf conf = ClientConf.parse(confString);
        if (!conf.isHttp()) {
            log.warn("QuestDB sink uses ILP over {}: the server does not acknowledge writes, so offsets may be "
                + "committed for rows it rejected. Use http:: or https:: for at-least-once delivery.", conf.schema());
        }
        retry = config.retry();
        String connector = props.getOrDefault("name", "questdb-sink");
        String taskId = props.getOrDefault(TASK_ID_CONFIG, "0");
        metrics = WriterMetrics.register(connector, taskId);
        writer = new QuestDbWriter(() -> SenderFactory.open(confString, conf), () -> new RecordMapper(config),
            config.tableCreation().enabled() ? new TableCreator(config, conf) : null, new ErrantRecords(reporter()),
            new FlushPolicy(config.flush().rows(), config.flush().interval(), config.flush().idle()), metrics,
            System::nanoTime, "questdb-sink-sender-" + connector + "-" + taskId);
    }

    private ErrantRecordReporter reporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            writer.write(records);
        } catch (RetriableException e) {
            throw backOff(e);
        }
        long due = writer.millisUntilDue();
        if (due >= 0) {
            // Makes Connect call put() again (with no records if none came) when the buffer is due.
            context.timeout(Math.max(1, due));
        }
    }

    /** Sets the backoff before Connect re-delivers the batch, or gives up after max.retries. */
    private RuntimeException backOff(RetriableException e) {
        metrics.retried();
        // The writer counts the failures since the last batch that went through: a retry is only known to
        // have worked when its batch comes back from the sender thread.
        int failures = Math.max(1, writer.transientFailures());
        if (!retry.mayRetry(failures - 1)) {
            return new ConnectException("QuestDB write failed after " + (failures - 1) + " retries", e);
        }
        Duration delay = retry.backoff().delay(failures - 1);
        log.warn("{}; {} rows kept, retry {} in {} ms", e.getMessage(), writer.buffered(), failures,
            delay.toMillis());
        context.timeout(Math.max(1, delay.toMillis()));
        return e;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
        try {
            writer.flush();
        } catch (FlushFailedException e) {
            log.warn("Flush before offset commit failed, committing only acknowledged rows: {}", e.getMessage());
        } catch (ConnectException e) {
            // Fatal: committableOffsets returns nothing from now on, and the next put() fails the task.
            log.error("Flush before offset commit failed: {}", e.getMessage());
        }
        return writer.committableOffsets(current.keySet());
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (writer != null) {
            writer.forget(partitions);
        }
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
