package io.tsconnect.mqtt.it;

import org.junit.jupiter.api.Assumptions;

import io.tsconnect.testsupport.mqtt.MosquittoBroker;

/** Sparkplug B against Debian's mosquitto. */
class SparkplugMosquittoIT extends SparkplugSourceContract {
    private MosquittoBroker broker;

    @Override
    protected String startBroker() {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed");
        broker = MosquittoBroker.builder().start();
        return broker.uri();
    }

    @Override
    protected void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected String brokerName() {
        return "mosquitto";
    }
}
