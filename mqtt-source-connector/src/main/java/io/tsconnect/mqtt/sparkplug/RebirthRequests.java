package io.tsconnect.mqtt.sparkplug;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.mqtt.MqttTaskMetrics;
import io.tsconnect.sparkplug.proto.SparkplugB.DataType;
import io.tsconnect.sparkplug.proto.SparkplugB.Payload;

/**
 * Asks an edge node to publish its births again, as a Sparkplug host application does when it sees a sequence
 * gap or an alias it cannot name: an NCMD with the boolean metric {@code Node Control/Rebirth = true}, at QoS 0.
 * At most one request per edge node per interval; each problem is counted, and logged at WARN the first time per
 * edge node (DEBUG after that). A request that cannot be sent is logged, never a task failure.
 */
public final class RebirthRequests {
    static final String REBIRTH_METRIC = "Node Control/Rebirth";
    private static final Logger LOG = LoggerFactory.getLogger(RebirthRequests.class);

    private final boolean enabled;
    private final long minIntervalMs;
    private final BiFunction<String, byte[], CompletableFuture<?>> publisher;
    private final MqttTaskMetrics metrics;
    private final LongSupplier clock;
    private final Set<String> warned = new HashSet<>();

    /**
     * @param enabled whether requests are sent (problems are counted and logged either way)
     * @param minIntervalMs the least time between two requests to one edge node
     * @param publisher publishes a payload to a topic at QoS 0
     */
    public RebirthRequests(boolean enabled, long minIntervalMs, BiFunction<String, byte[], CompletableFuture<?>>
        publisher, MqttTaskMetrics metrics, LongSupplier clock) {
        this.enabled = enabled;
        this.minIntervalMs = minIntervalMs;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Counts and logs the problem of {@code decoded}, if any, and asks for a rebirth when allowed. */
    void onProblem(Decoded decoded, EdgeNode node) {
        if (decoded.problem() == null) {
            return;
        }
        SparkplugTopic topic = decoded.topic();
        switch (decoded.problem()) {
            case SEQUENCE_GAP -> metrics.sparkplugSequenceGap();
            case NO_BIRTH -> metrics.sparkplugMissingBirth();
            default -> { }
        }
        metrics.sparkplugUnknownAliases(decoded.unknownAliases());
        String what = switch (decoded.problem()) {
            case SEQUENCE_GAP -> "sequence number " + decoded.seq() + " where " + decoded.expectedSeq()
                + " was due (messages were lost)";
            case UNKNOWN_ALIAS -> decoded.unknownAliases() + " metric(s) with aliases no birth declared";
            case NO_BIRTH -> "data before any birth this task has seen";
        };
        long now = clock.getAsLong();
        boolean request = enabled && (node.rebirthRequestedMs() == Long.MIN_VALUE
            || now - node.rebirthRequestedMs() >= minIntervalMs);
        String action = request ? "requesting a rebirth" : enabled ? "a rebirth was requested recently"
            : "sparkplug.rebirth.enabled=false, not requesting a rebirth";
        if (warned.add(topic.edgeNodeKey())) {
            LOG.warn("Sparkplug edge node {} ({}): {}; {}. Metrics that cannot be named are skipped; further "
                + "problems of this edge node are counted in the task's Sparkplug* metrics and logged at DEBUG",
                topic.edgeNodeKey(), topic.type(), what, action);
        } else {
            LOG.debug("Sparkplug edge node {} ({}): {}; {}", topic.edgeNodeKey(), topic.type(), what, action);
        }
        if (request) {
            node.rebirthRequested(now);
            send(topic);
        }
    }

    private void send(SparkplugTopic topic) {
        byte[] payload = Payload.newBuilder().setTimestamp(clock.getAsLong())
            .addMetrics(Payload.Metric.newBuilder().setName(REBIRTH_METRIC).setDatatype(DataType.Boolean_VALUE)
                .setBooleanValue(true))
            .build().toByteArray();
        metrics.sparkplugRebirthRequested();
        try {
            publisher.apply(topic.nodeCommandTopic(), payload).whenComplete((ack, error) -> {
                if (error != null) {
                    LOG.warn("Could not send the rebirth request to {}: {}", topic.nodeCommandTopic(),
                        error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not send the rebirth request to {}: {}", topic.nodeCommandTopic(), e.toString());
        }
    }
}
