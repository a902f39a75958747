package io.tsconnect.mqtt.sparkplug;

import java.util.Map;

/**
 * What a task knows of one edge node: its declared metrics, its sequence count and the {@code bdSeq} of its last
 * NBIRTH (an NDEATH with another {@code bdSeq} belongs to an older session and is ignored), plus when a rebirth was
 * last requested from it.
 */
final class EdgeNode {
    static final String ALIASES_KEY = "sparkplug.births";
    static final String SEQ_KEY = "sparkplug.seq";
    static final String BD_SEQ_KEY = "sparkplug.bdseq";

    final AliasRegistry registry = new AliasRegistry();
    final SequenceTracker sequence = new SequenceTracker();
    private Long bdSeq;
    private long rebirthRequestedMs = Long.MIN_VALUE;

    Long bdSeq() {
        return bdSeq;
    }

    void bdSeq(Long value) {
        bdSeq = value;
    }

    long rebirthRequestedMs() {
        return rebirthRequestedMs;
    }

    void rebirthRequested(long nowMs) {
        rebirthRequestedMs = nowMs;
    }

    /** The source offset of a record made from this node's latest message: its births and sequence count. */
    Map<String, Object> offset() {
        return bdSeq == null
            ? Map.of(ALIASES_KEY, registry.toJson(), SEQ_KEY, sequence.last())
            : Map.of(ALIASES_KEY, registry.toJson(), SEQ_KEY, sequence.last(), BD_SEQ_KEY, bdSeq);
    }

    /** Takes back what {@link #offset()} stored; a missing or foreign offset leaves the node unknown. */
    void restore(Map<String, Object> offset) {
        if (offset == null || !(offset.get(ALIASES_KEY) instanceof String births)) {
            return;
        }
        registry.restore(births);
        if (offset.get(SEQ_KEY) instanceof Number seq && seq.intValue() != SequenceTracker.UNKNOWN) {
            sequence.reset(seq.intValue());
        }
        if (offset.get(BD_SEQ_KEY) instanceof Number stored) {
            bdSeq = stored.longValue();
        }
    }
}
