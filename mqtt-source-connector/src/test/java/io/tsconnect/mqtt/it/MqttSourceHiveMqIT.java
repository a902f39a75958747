package io.tsconnect.mqtt.it;

import java.util.Map;

import io.tsconnect.testsupport.mqtt.TestPki;
import io.tsconnect.testsupport.mqtt.HiveMqBroker;

/** The MQTT source contract against an embedded HiveMQ Community Edition broker. */
class MqttSourceHiveMqIT extends MqttSourceContract {

    @Override
    protected MqttBrokerUnderTest startBroker(TestPki pki) {
        HiveMqBroker hivemq = HiveMqBroker.start(MqttBrokerUnderTest.USER, MqttBrokerUnderTest.PASSWORD, pki, true);
        // An embedded extension does not register again in a second instance in the same JVM, so the restart
        // test runs on an anonymous broker.
        HiveMqBroker anonymous = HiveMqBroker.start();
        MqttBrokerUnderTest restartable = new MqttBrokerUnderTest() {
            @Override
            public String uri() {
                return anonymous.uri();
            }

            @Override
            public String tlsUri() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void restart() throws Exception {
                anonymous.restart();
            }

            @Override
            public String name() {
                return "hivemq";
            }

            @Override
            public void close() throws Exception {
                anonymous.close();
            }
        };
        return new MqttBrokerUnderTest() {
            @Override
            public MqttBrokerUnderTest restartable() {
                return restartable;
            }

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
                try (restartable) {
                    hivemq.close();
                }
            }
        };
    }

    /** PKCS12 stores for this broker, PEM for mosquitto: both paths of the TLS fragment get exercised. */
    @Override
    protected Map<String, String> tlsSettings(TestPki pki) {
        return Map.of("mqtt.tls.truststore.path", pki.truststore().toString(),
            "mqtt.tls.truststore.password", TestPki.PASSWORD,
            "mqtt.tls.keystore.path", pki.clientKeystore().toString(),
            "mqtt.tls.keystore.password", TestPki.PASSWORD);
    }
}
