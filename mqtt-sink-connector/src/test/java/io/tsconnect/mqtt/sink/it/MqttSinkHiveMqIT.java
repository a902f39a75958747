package io.tsconnect.mqtt.sink.it;

import java.util.Map;

import io.tsconnect.testsupport.mqtt.HiveMqBroker;
import io.tsconnect.testsupport.mqtt.TestPki;

/**
 * The MQTT sink contract against an embedded HiveMQ Community Edition broker with a Receive Maximum of 7, plus
 * ssl://, ws:// and wss:// (mutual TLS from PKCS12 stores).
 */
class MqttSinkHiveMqIT extends MqttSinkContract {

    @Override
    protected MqttBrokerUnderTest startBroker() {
        TestPki pki = TestPki.create();
        HiveMqBroker hivemq = HiveMqBroker.builder().user(MqttBrokerUnderTest.USER, MqttBrokerUnderTest.PASSWORD)
            .receiveMaximum(7).tls(pki, true).webSockets().start();
        return new MqttBrokerUnderTest() {
            @Override
            public String uri() {
                return hivemq.uri();
            }

            @Override
            public void stop() throws Exception {
                hivemq.stop();
            }

            @Override
            public void start() throws Exception {
                hivemq.resume();
            }

            @Override
            public int receiveMaximum() {
                return 7;
            }

            @Override
            public String name() {
                return "hivemq";
            }

            @Override
            public Map<String, Map<String, String>> otherTransports() {
                Map<String, String> tls = pki.storeClientSettings("mqtt.tls.");
                return Map.of(hivemq.tlsUri(), tls, hivemq.wsUri(), Map.of(), hivemq.wssUri(), tls);
            }

            @Override
            public void close() throws Exception {
                hivemq.close();
            }
        };
    }
}
