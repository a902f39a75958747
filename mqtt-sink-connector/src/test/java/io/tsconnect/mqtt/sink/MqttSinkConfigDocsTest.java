package io.tsconnect.mqtt.sink;

import org.junit.jupiter.api.Test;

import io.tsconnect.common.config.ConfigDocs;
import io.tsconnect.mqtt.MqttSinkConnector;
import io.tsconnect.mqtt.sink.config.MqttSinkConfig;
import io.tsconnect.testsupport.ConfigDocsCheck;

/** docs/config/mqtt-sink-connector.md is what the ConfigDef renders. */
class MqttSinkConfigDocsTest {
    static final String INTRO = """
        `io.tsconnect.mqtt.MqttSinkConnector` publishes Kafka records to an MQTT 3.1.1 or MQTT 5 broker, so \
        pipelines can talk back to devices: alerts, commands, setpoints. Each record becomes one message on the \
        topic rendered from `mqtt.topic`, with the value as JSON, raw bytes or one field as the payload.

        Delivery is at-least-once: a record's offset is committed only once the broker acknowledged its PUBLISH \
        (PUBACK at QoS 1, PUBCOMP at QoS 2; at QoS 0 once the client wrote it), or once it was skipped or \
        reported to the dead letter queue. Each task publishes in offset order over one connection, with at most \
        `mqtt.max.in.flight` messages unacknowledged (lowered to the broker's Receive Maximum with MQTT 5). When \
        the connection is lost, the task reconnects with backoff (`retry.backoff.*`, put() throws a retriable \
        exception meanwhile) and publishes every unacknowledged message again, in order, before newer ones: \
        subscribers may see a message twice after a failure, never a gap. Records whose topic cannot be made \
        (wildcards, missing or empty fields) or whose value cannot be sent as configured, and messages an MQTT 5 \
        broker refuses (e.g. NOT_AUTHORIZED), go to the errant record reporter per `errors.tolerance`.
        """;

    @Test
    void configReferenceIsCurrent() {
        ConfigDocsCheck.assertCurrent("mqtt-sink-connector",
            ConfigDocs.markdown("MQTT sink connector (`" + MqttSinkConnector.class.getName() + "`)", INTRO,
                MqttSinkConfig.CONFIG_DEF));
    }
}
