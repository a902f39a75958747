package io.tsconnect.common.mqtt;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.apache.kafka.common.config.ConfigException;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.MqttWebSocketConfig;

import io.tsconnect.common.config.TlsConfig;
import io.tsconnect.common.config.TlsContexts;

/**
 * Builds the HiveMQ client's transport for a {@link BrokerAddress}: TCP or WebSocket, with TLS for ssl:// and
 * wss://, and one timeout bounding the socket connect, the WebSocket upgrade and the CONNECT/CONNACK exchange.
 *
 * <p>Needs {@code hivemq-mqtt-client}, an optional dependency of common that only the MQTT modules declare.
 */
public final class MqttTransports {
    private MqttTransports() {
    }

    /** The transport to {@code address}; {@code ssl} is used only when the address asks for TLS. */
    public static MqttClientTransportConfig transport(BrokerAddress address, MqttClientSslConfig ssl,
                                                      Duration connectTimeout) {
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

    /**
     * The client TLS settings of {@code tls}, whose keys carry {@code prefix} (named in the error); the key and
     * trust files are read here.
     *
     * @throws ConfigException when a store cannot be loaded
     */
    public static MqttClientSslConfig ssl(TlsConfig tls, String prefix) {
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
            throw new ConfigException("Cannot load the TLS key or trust material of " + prefix + "*: "
                + e.getMessage());
        }
    }
}
