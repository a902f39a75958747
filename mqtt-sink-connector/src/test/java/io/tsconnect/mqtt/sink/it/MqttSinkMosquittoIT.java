package io.tsconnect.mqtt.sink.it;

import org.junit.jupiter.api.Assumptions;

import io.tsconnect.testsupport.mqtt.MosquittoBroker;

/** The MQTT sink contract against Debian's mosquitto (Receive Maximum 20, its max_inflight_messages default). */
class MqttSinkMosquittoIT extends MqttSinkContract {

    @Override
    protected MqttBrokerUnderTest startBroker() {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed at "
            + MosquittoBroker.EXECUTABLE);
        MosquittoBroker mosquitto = MosquittoBroker.builder()
            .user(MqttBrokerUnderTest.USER, MqttBrokerUnderTest.PASSWORD).start();
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
            public void close() {
                mosquitto.close();
            }
        };
    }
}
