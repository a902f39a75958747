package io.tsconnect.mqtt.sink;

/** The JMX view of {@link SinkMetrics}. */
public interface SinkMetricsMBean {
    /** Messages handed to the MQTT client, including publishes repeated after a lost connection. */
    long getPublished();

    /** Messages the broker acknowledged (QoS 1/2) or that were written to the connection (QoS 0). */
    long getAcknowledged();

    /** Acknowledged messages per second, averaged since the task started. */
    double getAcknowledgedPerSecond();

    /** Messages published and not yet acknowledged. */
    int getInFlight();

    /** The current in-flight limit: mqtt.max.in.flight, or the broker's Receive Maximum when lower. */
    int getInFlightLimit();

    /** Batches retried after the broker was unreachable or the connection was lost. */
    long getRetries();

    /** Records sent to the errant record reporter (dead letter queue). */
    long getErrantRecords();

    /** Whether the task is connected to the broker. */
    boolean isConnected();
}
