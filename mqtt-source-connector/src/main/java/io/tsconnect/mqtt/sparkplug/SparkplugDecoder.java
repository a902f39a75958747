package io.tsconnect.mqtt.sparkplug;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;

import io.tsconnect.mqtt.UnmappableMessageException;
import io.tsconnect.sparkplug.proto.SparkplugB.DataType;
import io.tsconnect.sparkplug.proto.SparkplugB.Payload;

/**
 * Reads Sparkplug B messages in the order one task receives them and keeps, per edge node, what the births
 * declared and the sequence count: DATA metrics sent by alias get their names, and a sequence gap, an unknown
 * alias or data before any birth is reported (as {@link Decoded#problem()}) for the caller to request a rebirth.
 * None of these stops decoding: the metrics that can be named are returned.
 *
 * <p>An edge node first heard of is looked up in the stored source offsets, so a restarted task resumes with the
 * births it had seen.
 */
public final class SparkplugDecoder {
    static final String BD_SEQ = "bdSeq";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, EdgeNode> nodes = new HashMap<>();
    private final Function<String, Map<String, Object>> storedOffset;

    /**
     * @param storedOffset the stored source offset of an edge node ({@code <group>/<edge node>}), or {@code null}
     */
    public SparkplugDecoder(Function<String, Map<String, Object>> storedOffset) {
        this.storedOffset = storedOffset;
    }

    /**
     * @throws UnmappableMessageException when the payload is not a Sparkplug B payload or a metric value does not
     *     fit its datatype
     */
    Decoded decode(SparkplugTopic topic, byte[] bytes, long arrivalMs) {
        if (topic.type() == MessageType.STATE) {
            return hostState(topic, bytes, arrivalMs);
        }
        Payload payload;
        try {
            payload = Payload.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new UnmappableMessageException("Payload is not a Sparkplug B protobuf payload: " + e.getMessage(),
                e);
        }
        long timestamp = payload.hasTimestamp() ? payload.getTimestamp() : arrivalMs;
        if (topic.type() == MessageType.NCMD || topic.type() == MessageType.DCMD) {
            return Decoded.nothing(topic, timestamp);
        }
        try {
            return decode(topic, payload, node(topic.edgeNodeKey()), timestamp);
        } catch (IllegalArgumentException | DataException e) {
            throw new UnmappableMessageException("Sparkplug " + topic.type() + " of " + topic.recordKey()
                + " cannot be read: " + e.getMessage(), e);
        }
    }

    private Decoded decode(SparkplugTopic topic, Payload payload, EdgeNode node, long timestamp) {
        Long seq = payload.hasSeq() ? payload.getSeq() : null;
        int expected = (node.sequence.last() + 1) & 0xFF;
        Lifecycle lifecycle = lifecycle(topic, payload, node, seq);
        if (lifecycle == null) {
            return Decoded.nothing(topic, timestamp);
        }
        boolean birth = topic.type() == MessageType.NBIRTH || topic.type() == MessageType.DBIRTH;
        List<DecodedMetric> metrics = new ArrayList<>(payload.getMetricsCount());
        int unknown = 0;
        // An NDEATH's only metric is its bdSeq: the death certificate, not a reading.
        List<Payload.Metric> readings = topic.type() == MessageType.NDEATH ? List.of() : payload.getMetricsList();
        for (Payload.Metric m : readings) {
            DecodedMetric metric = metric(topic.device(), m, node.registry, birth, timestamp);
            if (metric == null) {
                unknown++;
            } else {
                metrics.add(metric);
            }
        }
        Decoded.Problem problem = !lifecycle.born() ? Decoded.Problem.NO_BIRTH
            : !lifecycle.inSequence() ? Decoded.Problem.SEQUENCE_GAP
            : unknown > 0 ? Decoded.Problem.UNKNOWN_ALIAS : null;
        return new Decoded(topic, seq, timestamp, metrics, lifecycle.state(), lifecycle.bdSeq(), node.offset(),
            problem, expected, unknown);
    }

    /** What a message does to its edge node's session: births reset it, deaths end it, the rest is counted. */
    private record Lifecycle(boolean born, boolean inSequence, String state, Long bdSeq) {
    }

    /** Applies the message to the node's births and sequence count; {@code null} for a stale NDEATH. */
    private static Lifecycle lifecycle(SparkplugTopic topic, Payload payload, EdgeNode node, Long seq) {
        boolean born = !node.registry.isEmpty() || node.sequence.last() != SequenceTracker.UNKNOWN;
        switch (topic.type()) {
            case NBIRTH -> {
                node.registry.clear();
                node.sequence.reset(seq == null ? 0 : seq.intValue());
                Long bdSeq = bdSeq(payload);
                node.bdSeq(bdSeq);
                return new Lifecycle(true, true, Decoded.ONLINE, bdSeq);
            }
            case NDEATH -> {
                Long bdSeq = bdSeq(payload);
                if (bdSeq != null && node.bdSeq() != null && !bdSeq.equals(node.bdSeq())) {
                    // The death certificate of an older session, delivered late: the node is online.
                    return null;
                }
                node.sequence.forget();
                return new Lifecycle(true, true, Decoded.OFFLINE, bdSeq);
            }
            default -> {
                boolean inSequence = seq != null && node.sequence.accept(seq);
                String state = null;
                if (topic.type() == MessageType.DBIRTH) {
                    node.registry.clearDevice(topic.device());
                    state = Decoded.ONLINE;
                } else if (topic.type() == MessageType.DDEATH) {
                    state = Decoded.OFFLINE;
                }
                return new Lifecycle(born, inSequence, state, null);
            }
        }
    }

    /** The metric with its name and type resolved (declaring it first in a birth), or {@code null} if unknown. */
    private static DecodedMetric metric(String device, Payload.Metric m, AliasRegistry registry, boolean birth,
                                        long payloadTimestamp) {
        String name = m.hasName() ? m.getName() : null;
        DataType type = m.hasDatatype() ? DataType.forNumber(m.getDatatype()) : null;
        if (birth && name != null) {
            registry.declare(device, name, m.hasAlias() ? m.getAlias() : null,
                type == null ? DataType.Unknown : type);
        } else if (name == null && m.hasAlias()) {
            AliasRegistry.Declared declared = registry.byAlias(m.getAlias());
            if (declared == null) {
                return null;
            }
            name = declared.name();
            type = type == null ? declared.datatype() : type;
        }
        if (name == null) {
            return null;
        }
        if (type == null) {
            type = registry.datatype(device, name);
        }
        type = type == null ? DataType.Unknown : type;
        SchemaAndValue value = TypedValues.of(type, m.getIsNull() ? null : TypedValues.raw(m));
        return new DecodedMetric(name, type, m.hasTimestamp() ? m.getTimestamp() : payloadTimestamp, value,
            m.getIsHistorical(), m.getIsTransient(), m.hasProperties() ? Properties.of(m.getProperties()) : null);
    }

    private static Long bdSeq(Payload payload) {
        for (Payload.Metric m : payload.getMetricsList()) {
            if (BD_SEQ.equals(m.getName())) {
                return m.hasLongValue() ? m.getLongValue() : m.hasIntValue() ? (long) m.getIntValue() : null;
            }
        }
        return null;
    }

    private EdgeNode node(String key) {
        EdgeNode node = nodes.get(key);
        if (node == null) {
            node = new EdgeNode();
            node.restore(storedOffset.apply(key));
            nodes.put(key, node);
        }
        return node;
    }

    /** The edge node's state, for rebirth throttling. */
    EdgeNode edgeNode(String key) {
        return nodes.get(key);
    }

    /**
     * A host application's STATE: Sparkplug 3.0 sends JSON {@code {"online": bool, "timestamp": ms}}, earlier
     * versions the text {@code ONLINE} or {@code OFFLINE}.
     */
    private static Decoded hostState(SparkplugTopic topic, byte[] bytes, long arrivalMs) {
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (text.equals(Decoded.ONLINE) || text.equals(Decoded.OFFLINE)) {
            return new Decoded(topic, null, arrivalMs, List.of(), text, null, null, null, -1, 0);
        }
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.path("online").isBoolean()) {
                long timestamp = json.path("timestamp").canConvertToLong() ? json.path("timestamp").asLong()
                    : arrivalMs;
                return new Decoded(topic, null, timestamp, List.of(), json.get("online").asBoolean()
                    ? Decoded.ONLINE : Decoded.OFFLINE, null, null, null, -1, 0);
            }
        } catch (IOException e) {
            // falls through to the error below
        }
        throw new UnmappableMessageException("STATE payload of host '" + topic.hostId() + "' is neither "
            + "{\"online\": true|false, \"timestamp\": ms} nor ONLINE/OFFLINE");
    }
}
