package io.tsconnect.mqtt.sink.it;

import io.tsconnect.testsupport.mqtt.HiveMqBroker;

/** The MQTT sink contract against an embedded HiveMQ Community Edition broker with a Receive Maximum of 7. */
class MqttSinkHiveMqIT extends MqttSinkContract {

    @Override
    protected MqttBrokerUnderTest startBroker() {
        HiveMqBroker hivemq = HiveMqBroker.builder().user(MqttBrokerUnderTest.USER, MqttBrokerUnderTest.PASSWORD)
            .receiveMaximum(7).start();
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
            public void close() throws Exception {
                hivemq.close();
            }
        };
    }
}
