package io.tsconnect.mqtt.it;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.mqtt.TestPki;

/** The MQTT source contract against Debian's mosquitto, started with its own config file. */
class MqttSourceMosquittoIT extends MqttSourceContract {

    @Override
    protected MqttBrokerUnderTest startBroker(TestPki pki) {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed at " + MosquittoBroker.EXECUTABLE);
        MosquittoBroker mosquitto = MosquittoBroker.builder().user(MqttBrokerUnderTest.USER,
            MqttBrokerUnderTest.PASSWORD).tls(pki, true)
            .configLine("log_type information").start();
        return new MqttBrokerUnderTest() {
            @Override
            public String uri() {
                return mosquitto.uri();
            }

            @Override
            public String tlsUri() {
                return mosquitto.tlsUri();
            }

            @Override
            public void restart() {
                mosquitto.restart();
            }

            @Override
            public String name() {
                return "mosquitto";
            }

            @Override
            public String logTail() {
                try {
                    String log = java.nio.file.Files.readString(mosquitto.log());
                    return log.substring(Math.max(0, log.length() - 6000));
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }

            @Override
            public void close() {
                mosquitto.close();
            }
        };
    }

    /** mosquitto reads PEM, and so can the connector: the CA file and a certificate+key file. */
    @Override
    protected Map<String, String> tlsSettings(TestPki pki) {
        return pki.pemClientSettings("mqtt.tls.");
    }
}
