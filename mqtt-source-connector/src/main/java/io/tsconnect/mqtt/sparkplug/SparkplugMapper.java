package io.tsconnect.mqtt.sparkplug;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;

import io.tsconnect.mqtt.InboundMessage;
import io.tsconnect.mqtt.MessageAck;
import io.tsconnect.mqtt.MqttSourceRecord;
import io.tsconnect.mqtt.RecordMapper;
import io.tsconnect.mqtt.SessionOffset;
import io.tsconnect.mqtt.UnmappableMessageException;
import io.tsconnect.mqtt.config.KeyMode;
import io.tsconnect.mqtt.config.RecordConfig;
import io.tsconnect.mqtt.config.SparkplugConfig;
import io.tsconnect.mqtt.config.SparkplugOutput;

/**
 * Turns a Sparkplug B message into its records: metric records (one per metric or one per message) on the topic
 * {@code kafka.topic}/{@code kafka.topic.routes} choose, and an online/offline record on the state topic for
 * births, deaths and STATE. A message can make no record (a command, a DATA without nameable metrics): the caller
 * then acknowledges it at once.
 *
 * <p>Records of an edge node carry the source partition {@code {mqtt.client.id, sparkplug.edge.node}} and, as
 * offset, what the edge node's births declared and its last sequence number, so a restarted task can still name
 * aliased metrics (see {@link SparkplugDecoder}).
 */
public final class SparkplugMapper {
    static final String EDGE_NODE_KEY = "sparkplug.edge.node";

    private final RecordMapper base;
    private final RecordConfig records;
    private final SparkplugConfig config;
    private final String clientId;
    private final Map<String, ?> clientPartition;
    private final Map<String, ?> clientOffset;
    private final SparkplugDecoder decoder;
    private final RebirthRequests rebirths;
    private final Map<String, Map<String, Object>> partitions = new HashMap<>();

    public SparkplugMapper(RecordMapper base, RecordConfig records, SparkplugConfig config, SessionOffset session,
                           SparkplugDecoder decoder, RebirthRequests rebirths) {
        this.base = base;
        this.records = records;
        this.config = config;
        this.clientId = session.clientId();
        this.clientPartition = SessionOffset.partition(clientId);
        this.clientOffset = session.toMap();
        this.decoder = decoder;
        this.rebirths = rebirths;
    }

    /** The source partition of the records of one edge node ({@code <group>/<edge node>}) of a task. */
    public static Map<String, Object> partition(String clientId, String edgeNodeKey) {
        return Map.of(SessionOffset.CLIENT_ID_KEY, clientId, EDGE_NODE_KEY, edgeNodeKey);
    }

    /**
     * @throws UnmappableMessageException when the topic is not Sparkplug's, the payload does not decode, or no
     *     Kafka topic applies
     */
    public List<MqttSourceRecord> map(InboundMessage message) {
        SparkplugTopic topic = SparkplugTopic.parse(message.topic());
        Decoded decoded = decoder.decode(topic, message.payload(), message.arrivalMs());
        if (decoded.problem() != null) {
            rebirths.onProblem(decoded, decoder.edgeNode(topic.edgeNodeKey()));
        }
        List<Part> parts = new ArrayList<>(decoded.metrics().size() + 1);
        if (decoded.state() != null && config.stateTopic() != null) {
            parts.add(new Part(config.stateTopic(), StateRecords.SCHEMA, StateRecords.value(decoded),
                decoded.timestamp()));
        }
        if (!decoded.metrics().isEmpty()) {
            String kafkaTopic = records.topics().kafkaTopic(message.topic());
            if (config.output() == SparkplugOutput.MESSAGE) {
                Struct value = MessageRecords.value(decoded);
                parts.add(new Part(kafkaTopic, value.schema(), value, decoded.timestamp()));
            } else {
                for (DecodedMetric metric : decoded.metrics()) {
                    parts.add(new Part(kafkaTopic, MetricRecords.SCHEMA, MetricRecords.value(topic, metric),
                        metric.timestamp()));
                }
            }
        }
        return records(message, topic, decoded, parts);
    }

    private List<MqttSourceRecord> records(InboundMessage message, SparkplugTopic topic, Decoded decoded,
                                           List<Part> parts) {
        if (parts.isEmpty()) {
            return List.of();
        }
        Map<String, ?> partition = decoded.offset() == null ? clientPartition
            : partitions.computeIfAbsent(topic.edgeNodeKey(), key -> partition(clientId, key));
        Map<String, ?> offset = decoded.offset() == null ? clientOffset : decoded.offset();
        String key = records.keyMode() == KeyMode.NONE ? null : topic.recordKey();
        Schema keySchema = records.keyMode() == KeyMode.NONE ? null : Schema.OPTIONAL_STRING_SCHEMA;
        ConnectHeaders headers = base.headers(message);
        MessageAck shared = parts.size() == 1 ? null : new MessageAck(message.ack(), parts.size());
        List<MqttSourceRecord> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            out.add(new MqttSourceRecord(message, shared, partition, offset, p.topic(), keySchema, key,
                p.schema(), p.value(), p.timestamp(), out.isEmpty() ? headers : headers.duplicate()));
        }
        return out;
    }

    /** One record to be: its topic, value and timestamp. */
    private record Part(String topic, Schema schema, Object value, long timestamp) {
    }
}
