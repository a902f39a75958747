package io.tsconnect.mqtt.sink;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.common.Version;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.mqtt.MqttVersion;
import io.tsconnect.mqtt.sink.config.MqttSinkConfig;

/**
 * Publishes records to MQTT through an {@link MqttWriter}. While the broker is unreachable, put() sets
 * {@code context.timeout} with backoff and throws a retriable exception (Connect redelivers the batch; nothing is
 * lost); offsets are committed only for records the broker acknowledged, skipped tombstones and records reported
 * to the dead letter queue.
 */
public class MqttSinkTask extends SinkTask {
    /** The task config key carrying the task's number, for client ids and metrics. */
    public static final String TASK_ID_CONFIG = "tsconnect.task.id";
    private static final Logger LOG = LoggerFactory.getLogger(MqttSinkTask.class);

    private MqttWriter writer;
    private SinkMetrics metrics;
    private RetryConfig retry;

    @Override
    public String version() {
        return Version.of(MqttSinkTask.class, "mqtt-sink-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        MqttSinkConfig config = new MqttSinkConfig(props);
        String connector = props.getOrDefault("name", "mqtt-sink");
        String taskId = props.getOrDefault(TASK_ID_CONFIG, "0");
        String clientId = config.clientIdPrefix(connector) + "-" + taskId;
        PublisherSettings settings = PublisherSettings.from(config, clientId);
        retry = config.retry();
        metrics = SinkMetrics.register(connector, taskId);
        writer = new MqttWriter(attempt -> BrokerConnection.create(settings, attempt),
            new MessageMapper(config.messages(), config.mqttVersion() == MqttVersion.V5),
            new ErrantRecords(reporter()), metrics, clientId, config.maxInFlight(), config.ackTimeout(),
            config.connectTimeout());
        LOG.info("MQTT sink task {} of {} publishes as '{}' to {} (MQTT {})", taskId, connector, clientId,
            settings.servers(), settings.version());
    }

    private ErrantRecordReporter reporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // Workers older than Kafka 2.6 have no reporter: bad records then fail the task.
            return null;
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            writer.write(records);
        } catch (PublishFailedException e) {
            throw backOff(e);
        }
    }

    /** Sets the backoff before Connect redelivers the batch, or gives up after max.retries. */
    private RuntimeException backOff(PublishFailedException e) {
        metrics.retried();
        int failures = Math.max(1, writer.failures());
        if (!retry.mayRetry(failures - 1)) {
            return new ConnectException("Publishing to MQTT failed after " + (failures - 1) + " retries", e);
        }
        Duration delay = retry.backoff().delay(failures - 1);
        LOG.warn("{}; {} records held, retry {} in {} ms", e.getMessage(), writer.open(), failures,
            delay.toMillis());
        context.timeout(Math.max(1, delay.toMillis()));
        return e;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
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
