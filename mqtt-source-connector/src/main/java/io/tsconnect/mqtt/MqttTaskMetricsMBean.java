package io.tsconnect.mqtt;

/** JMX view of one task: {@code kafka.connect.tsconnect:type=mqtt-source-task,connector=<name>,task=<n>}. */
public interface MqttTaskMetricsMBean {
    /** Messages the MQTT client handed to the task. */
    long getReceived();

    /** Messages acknowledged to the broker (after Kafka acknowledged their record, or after they were skipped). */
    long getAcknowledged();

    /** Messages received but not yet acknowledged: buffered, or in Kafka's producer. */
    long getInFlight();

    /** Messages waiting in the task's buffer for poll(). */
    int getQueued();

    /** Successful reconnects after a lost connection. */
    long getReconnects();

    /** Messages that could not be parsed or routed. */
    long getUnmappable();

    /** Sparkplug B messages whose sequence number was not the one due (lost messages). */
    long getSparkplugSequenceGaps();

    /** Sparkplug B messages from edge nodes whose birth the task had not seen. */
    long getSparkplugMissingBirths();

    /** Sparkplug B metrics skipped because no birth declared their alias. */
    long getSparkplugUnknownAliases();

    /** Rebirth requests (NCMD Node Control/Rebirth) sent to Sparkplug edge nodes. */
    long getSparkplugRebirthRequests();

    /** Whether the MQTT connection is up. */
    boolean isConnected();

    /** Whether the broker has acknowledged this task's subscriptions. */
    boolean isSubscribed();
}
