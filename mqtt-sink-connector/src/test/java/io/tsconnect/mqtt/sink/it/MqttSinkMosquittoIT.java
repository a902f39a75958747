package io.tsconnect.mqtt.sink.it;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.mqtt.TestPki;

/**
 * The MQTT sink contract against Debian's mosquitto (Receive Maximum 20, its max_inflight_messages default), plus
 * ssl:// with mutual TLS from PEM files.
 */
class MqttSinkMosquittoIT extends MqttSinkContract {

    @Override
    protected MqttBrokerUnderTest startBroker() {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed at "
            + MosquittoBroker.EXECUTABLE);
        TestPki pki = TestPki.create();
        MosquittoBroker mosquitto = MosquittoBroker.builder()
            .user(MqttBrokerUnderTest.USER, MqttBrokerUnderTest.PASSWORD).tls(pki, true).start();
        return new MqttBrokerUnderTest() {
            @Override
            public String uri() {
                return mosquitto.uri();
            }

            @Override
            public void stop() {
                mosquitto.stop();
            }

            @Override
            public void start() {
                mosquitto.launch();
            }

            @Override
            public int receiveMaximum() {
                return 20;
            }

            @Override
            public String name() {
                return "mosquitto";
            }

            @Override
            public Map<String, Map<String, String>> otherTransports() {
                // PEM files here, PKCS12 stores for HiveMQ: both ways of configuring TLS get exercised.
                return Map.of(mosquitto.tlsUri(), pki.pemClientSettings("mqtt.tls."));
            }

            @Override
            public void close() {
                mosquitto.close();
            }
        };
    }
}
