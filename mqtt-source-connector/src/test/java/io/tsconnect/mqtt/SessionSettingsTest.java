package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttWebSocketConfig;

import io.tsconnect.common.Backoff;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.mqtt.BrokerAddress;
import io.tsconnect.common.mqtt.MqttVersion;

class SessionSettingsTest {

    @Test
    void webSocketTransportsCarryThePathAndTlsOnlyForWss() {
        MqttClientSslConfig ssl = MqttClientSslConfig.builder().build();
        SessionSettings settings = new SessionSettings("c", MqttVersion.V5,
            List.of(BrokerAddress.parse("wss://b:8443/ws/mqtt"), BrokerAddress.parse("ws://b:8080/mqtt%20v5")), ssl,
            null, null, Duration.ofSeconds(60), Duration.ofSeconds(5), false, 3600, 0,
            new RetryConfig(-1, new Backoff(Duration.ofMillis(10), Duration.ofMillis(100))));
        MqttClientTransportConfig wss = settings.transport(0);
        assertEquals(8443, wss.getServerAddress().getPort());
        assertEquals("ws/mqtt", wss.getWebSocketConfig().map(MqttWebSocketConfig::getServerPath).orElseThrow());
        assertEquals(ssl, wss.getSslConfig().orElseThrow());
        assertEquals(5000, wss.getWebSocketConfig().orElseThrow().getHandshakeTimeoutMs(), "the connect timeout");
        MqttClientTransportConfig ws = settings.transport(1);
        assertEquals("mqtt v5", ws.getWebSocketConfig().map(MqttWebSocketConfig::getServerPath).orElseThrow());
        assertFalse(ws.getSslConfig().isPresent());
    }
}
