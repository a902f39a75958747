package io.tsconnect.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.apache.kafka.common.config.ConfigException;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.MqttWebSocketConfig;

import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.config.TlsConfig;
import io.tsconnect.common.config.TlsContexts;
import io.tsconnect.mqtt.config.MqttSourceConfig;
import io.tsconnect.mqtt.config.MqttVersion;

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
        return new SessionSettings(clientId, config.mqttVersion(), config.servers(), ssl(config.tls()),
            config.username(),
            config.password() == null ? null : config.password().value().getBytes(StandardCharsets.UTF_8),
            config.keepAlive(), config.connectTimeout(), config.cleanStart(), config.sessionExpirySeconds(),
            config.receiveMaximum(), config.retry());
    }

    /** The transport for the {@code attempt}-th connection (endpoints are used round-robin). */
    public MqttClientTransportConfig transport(int attempt) {
        BrokerAddress address = server(attempt);
        MqttClientTransportConfigBuilder builder = MqttClientTransportConfig.builder()
            .serverHost(address.host()).serverPort(address.port())
            .socketConnectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .mqttConnectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (address.tls()) {
            builder.sslConfig(ssl);
        }
        if (address.webSocket()) {
            // The WebSocket upgrade is part of connecting: without this it waits its own 10 s default.
            builder.webSocketConfig(MqttWebSocketConfig.builder().serverPath(address.path())
                .handshakeTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS).build());
        }
        return builder.build();
    }

    /** The endpoint of the {@code attempt}-th connection. */
    public BrokerAddress server(int attempt) {
        return servers.get(Math.floorMod(attempt, servers.size()));
    }

    private static MqttClientSslConfig ssl(TlsConfig tls) {
        try {
            MqttClientSslConfigBuilder builder = MqttClientSslConfig.builder();
            TrustManagerFactory trust = TlsContexts.trustManagers(tls);
            KeyManagerFactory keys = TlsContexts.keyManagers(tls);
            if (trust != null) {
                builder.trustManagerFactory(trust);
            }
            if (keys != null) {
                builder.keyManagerFactory(keys);
            }
            if (!tls.hostnameVerification()) {
                builder.hostnameVerifier((host, session) -> true);
            }
            return builder.build();
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("Cannot load the TLS key or trust material of " + MqttSourceConfig.TLS_PREFIX
                + "*: " + e.getMessage());
        }
    }
}
