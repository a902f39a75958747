package io.tsconnect.mqtt.sink.it;

import java.util.Map;

/**
 * What the MQTT sink ITs need from a broker: its addresses, credentials, a restart and its Receive Maximum.
 */
public interface MqttBrokerUnderTest extends AutoCloseable {
    String USER = "iot";
    String PASSWORD = "s3cret";

    /** {@code tcp://127.0.0.1:<port>}. */
    String uri();

    /** Stops the broker, keeping persistent sessions and retained messages. */
    void stop() throws Exception;

    /** Starts the stopped broker again on the same port. */
    void start() throws Exception;

    /** The Receive Maximum the broker announces to MQTT 5 clients. */
    int receiveMaximum();

    /** A short name for topics, client ids and connector names. */
    String name();

    /**
     * The addresses the sink can publish to besides {@link #uri()}, each with the settings it needs (TLS stores):
     * {@code ssl://}, {@code ws://}, {@code wss://}, as the broker serves them.
     */
    Map<String, Map<String, String>> otherTransports();
}
