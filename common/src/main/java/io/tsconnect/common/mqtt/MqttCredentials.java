package io.tsconnect.common.mqtt;

import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;

/**
 * A user name and password as the HiveMQ client takes them for each protocol version. Set them on the client
 * builder, not on the CONNECT message: when an established connection is lost, the HiveMQ client (1.4.2) builds the
 * reconnect CONNECT from the client's defaults, so credentials given only on the first CONNECT are dropped.
 *
 * @param username the user name, or {@code null}
 * @param password the password bytes, or {@code null}
 */
public record MqttCredentials(String username, byte[] password) {

    /** Whether there is anything to send. */
    public boolean present() {
        return username != null || password != null;
    }

    /** MQTT 3.1.1 credentials, or {@code null}: that version needs a user name for a password. */
    public Mqtt3SimpleAuth v3() {
        if (username == null) {
            return null;
        }
        var builder = Mqtt3SimpleAuth.builder().username(username);
        if (password != null) {
            builder.password(password);
        }
        return builder.build();
    }

    /** MQTT 5 credentials (a password alone is allowed), or {@code null} when there are none. */
    public Mqtt5SimpleAuth v5() {
        if (!present()) {
            return null;
        }
        if (username == null) {
            return Mqtt5SimpleAuth.builder().password(password).build();
        }
        var builder = Mqtt5SimpleAuth.builder().username(username);
        if (password != null) {
            builder.password(password);
        }
        return builder.build();
    }
}
