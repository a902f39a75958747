package io.tsconnect.mqtt.it;

/** What the shared MQTT source ITs need from a broker: addresses, credentials and a restart. */
public interface MqttBrokerUnderTest extends AutoCloseable {
    String USER = "iot";
    String PASSWORD = "s3cret";

    /** {@code tcp://127.0.0.1:<port>}. */
    String uri();

    /** {@code ssl://localhost:<port>} of a listener that requires a client certificate. */
    String tlsUri();

    /** Stops the broker (keeping its persistent sessions) and starts it again. */
    void restart() throws Exception;

    /** The tail of the broker's log, for failure messages. */
    default String logTail() {
        return "";
    }

    /** A short name for topics and connector names. */
    String name();
}
