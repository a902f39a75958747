package io.tsconnect.mqtt.sink;

import java.time.Duration;
import java.util.List;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;

import io.tsconnect.common.mqtt.BrokerAddress;
import io.tsconnect.common.mqtt.MqttCredentials;
import io.tsconnect.common.mqtt.MqttTransports;
import io.tsconnect.common.mqtt.MqttVersion;
import io.tsconnect.mqtt.sink.config.MqttSinkConfig;

/**
 * Everything needed to open one of a task's connections.
 *
 * @param clientId the client identifier, {@code <prefix>-<task>}
 * @param version the protocol version
 * @param servers the broker endpoints, used in turn on reconnects
 * @param ssl the TLS settings for ssl:// and wss:// endpoints
 * @param credentials user name and password
 * @param keepAlive the keep-alive interval
 * @param connectTimeout the limit on one connect attempt
 */
public record PublisherSettings(String clientId, MqttVersion version, List<BrokerAddress> servers,
                                MqttClientSslConfig ssl, MqttCredentials credentials, Duration keepAlive,
                                Duration connectTimeout) {

    /** Reads the settings of client {@code clientId}; TLS files are loaded here. */
    public static PublisherSettings from(MqttSinkConfig config, String clientId) {
        return new PublisherSettings(clientId, config.mqttVersion(), config.servers(),
            MqttTransports.ssl(config.tls(), MqttSinkConfig.TLS_PREFIX), config.credentials(), config.keepAlive(),
            config.connectTimeout());
    }

    /** The endpoint of the {@code attempt}-th connection. */
    public BrokerAddress server(int attempt) {
        return servers.get(Math.floorMod(attempt, servers.size()));
    }

    /** The transport of the {@code attempt}-th connection. */
    public MqttClientTransportConfig transport(int attempt) {
        return MqttTransports.transport(server(attempt), ssl, connectTimeout);
    }
}
