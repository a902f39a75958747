package io.tsconnect.mqtt.sparkplug;

import java.util.List;
import java.util.Map;

/**
 * What one Sparkplug message says, once checked against what the task knows of its edge node.
 *
 * @param topic where it came from
 * @param seq its sequence number, or {@code null}
 * @param timestamp the payload timestamp, else the arrival time
 * @param metrics the metrics that could be named, in payload order
 * @param state {@code ONLINE}/{@code OFFLINE} for births, deaths and STATE messages, else {@code null}
 * @param bdSeq the birth/death sequence of an NBIRTH or NDEATH, or {@code null}
 * @param offset the source offset of the edge node after this message, {@code null} for STATE messages
 * @param problem why the edge node should be asked for a rebirth, or {@code null} when all is well
 * @param expectedSeq the sequence number that was due, when {@code problem} is a gap
 * @param unknownAliases how many metrics were left out because their alias is unknown
 */
record Decoded(SparkplugTopic topic, Long seq, long timestamp, List<DecodedMetric> metrics, String state,
               Long bdSeq, Map<String, Object> offset, Problem problem, int expectedSeq, int unknownAliases) {
    static final String ONLINE = "ONLINE";
    static final String OFFLINE = "OFFLINE";

    /** Why a message shows that the task's view of an edge node is incomplete. */
    enum Problem {
        /** A sequence number other than the one due: messages were lost. */
        SEQUENCE_GAP,
        /** Metrics whose alias no birth declared. */
        UNKNOWN_ALIAS,
        /** Data from an edge node whose birth this task has not seen (nor restored from its offset). */
        NO_BIRTH
    }

    /** A message that makes no record (commands, a stale NDEATH). */
    static Decoded nothing(SparkplugTopic topic, long timestamp) {
        return new Decoded(topic, null, timestamp, List.of(), null, null, null, null, -1, 0);
    }
}
