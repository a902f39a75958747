package io.tsconnect.mqtt.it;

import io.tsconnect.testsupport.mqtt.HiveMqBroker;

/** Sparkplug B against an embedded HiveMQ Community Edition broker. */
class SparkplugHiveMqIT extends SparkplugSourceContract {
    private HiveMqBroker broker;

    @Override
    protected String startBroker() {
        broker = HiveMqBroker.start();
        return broker.uri();
    }

    @Override
    protected void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected String brokerName() {
        return "hivemq";
    }
}
