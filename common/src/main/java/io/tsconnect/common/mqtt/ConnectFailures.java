package io.tsconnect.common.mqtt;

import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;

/**
 * Tells failures that retrying cannot fix (rejected credentials, a certificate the client does not trust, another
 * client taking over the session) from transient ones (broker down, network lost), and says what to check.
 */
public final class ConnectFailures {
    private static final Set<Mqtt5ConnAckReasonCode> FATAL_5 = Set.of(
        Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, Mqtt5ConnAckReasonCode.NOT_AUTHORIZED,
        Mqtt5ConnAckReasonCode.BANNED, Mqtt5ConnAckReasonCode.BAD_AUTHENTICATION_METHOD,
        Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID, Mqtt5ConnAckReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    private static final Set<Mqtt3ConnAckReturnCode> FATAL_3 = Set.of(
        Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD, Mqtt3ConnAckReturnCode.NOT_AUTHORIZED,
        Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED, Mqtt3ConnAckReturnCode.UNSUPPORTED_PROTOCOL_VERSION);

    private ConnectFailures() {
    }

    /**
     * @return what the user must fix, or {@code null} when {@code cause} is transient and worth a reconnect
     */
    public static String fatalReason(Throwable cause, BrokerAddress server, String clientId) {
        if (cause instanceof Mqtt5ConnAckException e && FATAL_5.contains(e.getMqttMessage().getReasonCode())) {
            return rejected(server, clientId, e.getMqttMessage().getReasonCode().name());
        }
        if (cause instanceof Mqtt3ConnAckException e && FATAL_3.contains(e.getMqttMessage().getReturnCode())) {
            return rejected(server, clientId, e.getMqttMessage().getReturnCode().name());
        }
        if (cause instanceof Mqtt5DisconnectException e
            && e.getMqttMessage().getReasonCode() == Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER) {
            return "Another client connected to " + server + " with client id '" + clientId + "' and took over this "
                + "task's session: give every connector its own mqtt.client.id.prefix";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return "TLS handshake with " + server + " failed: " + t.getMessage() + " (check mqtt.tls.*: "
                    + "truststore, client keystore, hostname verification)";
            }
        }
        return null;
    }

    /** Whether {@code cause} is the broker refusing the CONNECT (credentials, client id, version). */
    public static boolean isRejection(Throwable cause) {
        return cause instanceof Mqtt5ConnAckException || cause instanceof Mqtt3ConnAckException;
    }

    private static String rejected(BrokerAddress server, String clientId, String code) {
        String hint = switch (code) {
            case "BAD_USER_NAME_OR_PASSWORD", "NOT_AUTHORIZED", "BAD_AUTHENTICATION_METHOD" ->
                "check mqtt.username and mqtt.password";
            case "CLIENT_IDENTIFIER_NOT_VALID", "IDENTIFIER_REJECTED" -> "check mqtt.client.id.prefix";
            case "UNSUPPORTED_PROTOCOL_VERSION" -> "check mqtt.version";
            default -> "the broker refuses this client";
        };
        return "MQTT broker " + server + " rejected the connection of client '" + clientId + "' with " + code + ": "
            + hint;
    }
}
