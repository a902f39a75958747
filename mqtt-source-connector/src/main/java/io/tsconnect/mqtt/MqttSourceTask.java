package io.tsconnect.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.common.Version;
import io.tsconnect.mqtt.config.MqttSourceTaskConfig;
import io.tsconnect.mqtt.config.RecordConfig;
import io.tsconnect.mqtt.config.SparkplugConfig;
import io.tsconnect.mqtt.config.ValueFormat;
import io.tsconnect.mqtt.sparkplug.RebirthRequests;
import io.tsconnect.mqtt.sparkplug.SparkplugDecoder;
import io.tsconnect.mqtt.sparkplug.SparkplugMapper;

/**
 * Streams the messages of one MQTT session into Kafka. A QoS 1/2 message is acknowledged to the broker only in
 * {@link #commitRecord}, once Kafka has acknowledged its record; a task that dies before that leaves the message
 * unacknowledged in its persistent session, and the broker redelivers it when the task is back.
 */
public class MqttSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceTask.class);

    private MqttSourceTaskConfig config;
    private InboundBuffer buffer;
    private RecordMapper mapper;
    private SparkplugMapper sparkplug;
    private UnmappableMessages unmappable;
    private MqttSession session;
    private final MqttTaskMetrics metrics = new MqttTaskMetrics();
    private ConnectException failAtNextPoll;

    @Override
    public String version() {
        return Version.of(MqttSourceTask.class, "mqtt-source-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        config = new MqttSourceTaskConfig(props);
        String clientId = config.clientId();
        List<Subscription> subscriptions = config.taskSubscriptions();
        SessionOffset offset = new SessionOffset(clientId, subscriptions.stream().map(Subscription::toEntry).toList());
        RecordConfig records = config.records();
        buffer = new InboundBuffer(config.queueCapacity());
        mapper = new RecordMapper(records, offset);
        if (records.valueFormat() == ValueFormat.SPARKPLUG_B) {
            sparkplug = sparkplugMapper(records, offset);
        }
        unmappable = new UnmappableMessages(config.toleratesErrors(), config.logErrors(), records.errorsTopic(),
            mapper, metrics);
        metrics.queueSize(buffer::size);
        metrics.register(config.connectorName(), Integer.toString(config.taskIndex()));
        session = MqttSession.create(SessionSettings.from(config, clientId), subscriptions,
            staleSubscriptions(clientId, subscriptions), buffer, metrics);
        session.start();
    }

    private SparkplugMapper sparkplugMapper(RecordConfig records, SessionOffset offset) {
        SparkplugConfig settings = config.sparkplug();
        SparkplugDecoder decoder = new SparkplugDecoder(edgeNode -> context.offsetStorageReader()
            .offset(SparkplugMapper.partition(offset.clientId(), edgeNode)));
        RebirthRequests rebirths = new RebirthRequests(settings.rebirthEnabled(),
            settings.rebirthMinInterval().toMillis(), (topic, payload) -> session.publish(topic, payload), metrics,
            System::currentTimeMillis);
        return new SparkplugMapper(mapper, records, settings, offset, decoder, rebirths);
    }

    /** Subscriptions this task's session held before (per its last offset) that it no longer owns. */
    private List<Subscription> staleSubscriptions(String clientId, List<Subscription> current) {
        Map<String, Object> stored = context.offsetStorageReader().offset(SessionOffset.partition(clientId));
        List<String> currentFilters = current.stream().map(Subscription::filter).toList();
        List<Subscription> stale = new ArrayList<>();
        for (String entry : SessionOffset.fromMap(clientId, stored).subscriptions()) {
            try {
                Subscription previous = Subscription.parse(entry, 0);
                if (!currentFilters.contains(previous.filter())) {
                    stale.add(previous);
                }
            } catch (IllegalArgumentException e) {
                LOG.debug("Ignoring unreadable stored subscription of '{}': {}", clientId, e.getMessage());
            }
        }
        if (!stale.isEmpty()) {
            LOG.info("MQTT client '{}' will unsubscribe from filters it no longer owns: {}", clientId, stale);
        }
        return stale;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (failAtNextPoll != null) {
            throw failAtNextPoll;
        }
        session.throwIfFailed();
        List<InboundMessage> messages = buffer.take(config.pollMaxRecords(), config.pollTimeout());
        session.throwIfFailed();
        return messages.isEmpty() ? null : records(messages);
    }

    /**
     * The records of {@code messages}, in order; with errors not tolerated, only those before the first message
     * that cannot become a record (the failure is thrown now if there are none, else at the next poll).
     */
    private List<SourceRecord> records(List<InboundMessage> messages) {
        List<SourceRecord> records = new ArrayList<>(messages.size());
        for (InboundMessage message : messages) {
            try {
                if (sparkplug == null) {
                    records.add(mapper.map(message));
                } else {
                    addAllOrAcknowledge(records, sparkplug.map(message), message);
                }
            } catch (UnmappableMessageException e) {
                MqttSourceRecord diverted;
                try {
                    diverted = unmappable.handle(message, e);
                } catch (ConnectException notTolerated) {
                    if (records.isEmpty()) {
                        throw notTolerated;
                    }
                    // The messages before the bad one still go to Kafka; the task fails at the next poll. The bad
                    // one and those after it stay unacknowledged: the broker redelivers them.
                    failAtNextPoll = notTolerated;
                    return records;
                }
                if (diverted != null) {
                    records.add(diverted);
                }
            }
        }
        return records;
    }

    /** A message that made no record (a Sparkplug command, say) is acknowledged at once. */
    private void addAllOrAcknowledge(List<SourceRecord> records, List<MqttSourceRecord> made, InboundMessage message) {
        if (made.isEmpty()) {
            message.ack().run();
            metrics.acknowledged();
        } else {
            records.addAll(made);
        }
    }

    /** Kafka has the record (or a transform dropped it): now the broker may forget the message. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (record instanceof MqttSourceRecord mqtt) {
            try {
                if (mqtt.acknowledge()) {
                    metrics.acknowledged();
                }
            } catch (RuntimeException e) {
                // The connection that delivered it is gone; the broker redelivers it to the resumed session.
                LOG.debug("Could not acknowledge a message of '{}': {}", mqtt.message().topic(), e.toString());
            }
        }
    }

    @Override
    public void stop() {
        if (buffer != null) {
            buffer.wakeUp();
        }
        if (session != null) {
            session.close();
        }
        metrics.unregister();
    }
}
