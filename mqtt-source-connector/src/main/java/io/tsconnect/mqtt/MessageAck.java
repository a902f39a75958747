package io.tsconnect.mqtt;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The acknowledgement of a message that became several records (a Sparkplug payload of many metrics): the broker
 * may forget the message only when Kafka has every one of them, so the last {@link #release()} acknowledges it.
 */
public final class MessageAck {
    private final Runnable ack;
    private final AtomicInteger pending;

    /**
     * @param ack acknowledges the message to the broker
     * @param records how many records must be committed first
     */
    public MessageAck(Runnable ack, int records) {
        this.ack = ack;
        this.pending = new AtomicInteger(records);
    }

    /** One record is committed; returns whether that was the last and the message is now acknowledged. */
    boolean release() {
        if (pending.decrementAndGet() == 0) {
            ack.run();
            return true;
        }
        return false;
    }
}
