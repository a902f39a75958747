package io.tsconnect.mqtt.sparkplug;

/**
 * The sequence number check of one edge node: every message but NDEATH and commands carries {@code seq}, one more
 * than the edge node's previous message, wrapping from 255 to 0. NBIRTH starts the count afresh.
 */
final class SequenceTracker {
    static final int UNKNOWN = -1;
    private int last = UNKNOWN;

    /** Starts the count at an NBIRTH's {@code seq}. */
    void reset(int seq) {
        last = seq & 0xFF;
    }

    /** Forgets the count (after NDEATH): nothing is expected until the next NBIRTH. */
    void forget() {
        last = UNKNOWN;
    }

    /**
     * Takes the {@code seq} of a message after the birth.
     *
     * @return whether it is the expected one; {@code false} too when no count is known (no birth seen)
     */
    boolean accept(long seq) {
        boolean expected = last != UNKNOWN && seq == ((last + 1) & 0xFF);
        last = (int) (seq & 0xFF);
        return expected;
    }

    /** The last sequence number seen, or {@link #UNKNOWN}. */
    int last() {
        return last;
    }
}
