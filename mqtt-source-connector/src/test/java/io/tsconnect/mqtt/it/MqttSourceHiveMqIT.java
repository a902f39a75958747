package io.tsconnect.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tsconnect.testsupport.mqtt.HiveMqBroker;
import io.tsconnect.testsupport.mqtt.TestPki;

/**
 * The MQTT source contract against an embedded HiveMQ Community Edition broker, plus MQTT over WebSocket (ws://) and
 * secure WebSocket (wss://, mutual TLS), which HiveMQ serves on loopback (mosquitto 2.0.11 binds its WebSocket
 * listeners to every interface).
 */
class MqttSourceHiveMqIT extends MqttSourceContract {
    private HiveMqBroker hivemq;

    @Override
    protected MqttBrokerUnderTest startBroker(TestPki pki) {
        hivemq = HiveMqBroker.builder().user(MqttBrokerUnderTest.USER, MqttBrokerUnderTest.PASSWORD).tls(pki, true)
            .webSockets().start();
        return new MqttBrokerUnderTest() {
            @Override
            public String uri() {
                return hivemq.uri();
            }

            @Override
            public String tlsUri() {
                return hivemq.tlsUri();
            }

            @Override
            public void restart() throws Exception {
                hivemq.restart();
            }

            @Override
            public String name() {
                return "hivemq";
            }

            @Override
            public void close() throws Exception {
                hivemq.close();
            }
        };
    }

    /** PKCS12 stores for this broker, PEM for mosquitto: both paths of the TLS fragment get exercised. */
    @Override
    protected Map<String, String> tlsSettings(TestPki pki) {
        return pki.storeClientSettings("mqtt.tls.");
    }

    @Test
    void recordsFlowOverWebSocketAndSecureWebSocket() {
        for (String uri : List.of(hivemq.wsUri(), hivemq.wssUri())) {
            String scheme = uri.substring(0, uri.indexOf(':'));
            String name = topic(scheme);
            Map<String, String> c = config(name, scheme + "/#", topic(scheme));
            c.put("mqtt.server.uris", uri);
            if (scheme.equals("wss")) {
                c.putAll(tlsSettings(pki));
            }
            start(name, c, 1);
            try (TestPublisher publisher = publisher()) {
                publisher.publishMany(scheme + "/a", scheme, 100, 1);
            }
            assertEquals(100, values(topic(scheme), 100).size(), "over " + uri);
        }
        // The path is part of the address: the broker serves MQTT on /mqtt only, and validation says so.
        Map<String, String> wrongPath = config(topic("ws-path"), "x/#", topic("ws-path"));
        wrongPath.put("mqtt.server.uris", hivemq.wsUri().replace(HiveMqBroker.WEB_SOCKET_PATH, "/other"));
        // HiveMQ CE may leave the upgrade request for an unknown path unanswered until the connect timeout.
        wrongPath.put("mqtt.connect.timeout.ms", "2000");
        Map<String, List<String>> errors = harness.validationErrors("io.tsconnect.mqtt.MqttSourceConnector",
            wrongPath);
        assertTrue(String.valueOf(errors.get("mqtt.server.uris")).contains("/other"), errors.toString());
        System.out.printf("[hivemq] WebSocket URI with a path the broker does not serve: %s%n",
            errors.get("mqtt.server.uris"));
    }
}
