package io.tsconnect.mqtt;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error path of messages that cannot become records, chosen by the connector's {@code errors.tolerance}:
 * {@code none} fails the task without acknowledging the message (the broker redelivers it after a restart);
 * {@code all} writes it to the parse-errors topic when one is set, else logs and skips it.
 */
final class UnmappableMessages {
    private static final Logger LOG = LoggerFactory.getLogger(UnmappableMessages.class);

    private final boolean tolerate;
    private final boolean logEach;
    private final String errorsTopic;
    private final RecordMapper mapper;
    private final MqttTaskMetrics metrics;
    private final AtomicBoolean warned = new AtomicBoolean();

    UnmappableMessages(boolean tolerate, boolean logEach, String errorsTopic, RecordMapper mapper,
                       MqttTaskMetrics metrics) {
        this.tolerate = tolerate;
        this.logEach = logEach;
        this.errorsTopic = errorsTopic;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /**
     * @return the record for the parse-errors topic, or {@code null} when the message was skipped (and
     *     acknowledged)
     * @throws ConnectException when errors are not tolerated
     */
    MqttSourceRecord handle(InboundMessage message, UnmappableMessageException error) {
        metrics.unmappable();
        if (!tolerate) {
            throw new ConnectException(error.getMessage() + ". The message stays unacknowledged and the broker "
                + "redelivers it; set errors.tolerance=all (with value.parse.errors.topic to keep it) or "
                + "value.parse.error.mode=raw to let such messages through", error);
        }
        if (errorsTopic != null) {
            if (logEach) {
                LOG.warn("Sending a message of MQTT topic '{}' to {}: {}", message.topic(), errorsTopic,
                    error.getMessage());
            }
            return mapper.errorRecord(message, errorsTopic, error);
        }
        if (logEach || warned.compareAndSet(false, true)) {
            LOG.warn("Skipping a message of MQTT topic '{}' (errors.tolerance=all{}): {}", message.topic(),
                logEach ? "" : "; further skips are counted in the task's Unmappable metric", error.getMessage());
        }
        message.ack().run();
        metrics.acknowledged();
        return null;
    }
}
