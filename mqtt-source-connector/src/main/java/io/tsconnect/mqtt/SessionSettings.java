package io.tsconnect.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;

import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.mqtt.BrokerAddress;
import io.tsconnect.common.mqtt.MqttCredentials;
import io.tsconnect.common.mqtt.MqttTransports;
import io.tsconnect.common.mqtt.MqttVersion;
import io.tsconnect.mqtt.config.MqttSourceConfig;

/**
 * Everything needed to open (and reopen) one MQTT session.
 *
 * @param clientId the client identifier, stable across task restarts
 * @param version the protocol version
 * @param servers the broker endpoints, tried in turn
 * @param ssl the TLS settings for ssl:// and wss:// endpoints
 * @param username the user name, or {@code null}
 * @param password the password bytes, or {@code null}
 * @param keepAlive the keep-alive interval
 * @param connectTimeout the limit on one connect attempt
 * @param cleanStart whether each connect discards the session
 * @param sessionExpirySeconds the MQTT 5 session expiry
 * @param receiveMaximum the MQTT 5 receive maximum to send, 0 for none
 * @param retry how reconnects back off, and how many are allowed
 */
public record SessionSettings(String clientId, MqttVersion version, List<BrokerAddress> servers,
                              MqttClientSslConfig ssl, String username, byte[] password, Duration keepAlive,
                              Duration connectTimeout, boolean cleanStart, long sessionExpirySeconds,
                              int receiveMaximum, RetryConfig retry) {

    /** Reads the settings of client {@code clientId} from {@code config}; TLS files are loaded here. */
    public static SessionSettings from(MqttSourceConfig config, String clientId) {
        return new SessionSettings(clientId, config.mqttVersion(), config.servers(),
            MqttTransports.ssl(config.tls(), MqttSourceConfig.TLS_PREFIX), config.username(),
            config.password() == null ? null : config.password().value().getBytes(StandardCharsets.UTF_8),
            config.keepAlive(), config.connectTimeout(), config.cleanStart(), config.sessionExpirySeconds(),
            config.receiveMaximum(), config.retry());
    }

    /** The credentials, for the client builder. */
    public MqttCredentials credentials() {
        return new MqttCredentials(username, password);
    }

    /** The transport for the {@code attempt}-th connection (endpoints are used round-robin). */
    public MqttClientTransportConfig transport(int attempt) {
        return MqttTransports.transport(server(attempt), ssl, connectTimeout);
    }

    /** The endpoint of the {@code attempt}-th connection. */
    public BrokerAddress server(int attempt) {
        return servers.get(Math.floorMod(attempt, servers.size()));
    }
}
