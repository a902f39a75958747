package io.tsconnect.mqtt;

import org.junit.jupiter.api.Test;

import io.tsconnect.common.config.ConfigDocs;
import io.tsconnect.mqtt.config.MqttSourceConfig;
import io.tsconnect.testsupport.ConfigDocsCheck;

class MqttSourceConnectorConfigDocsTest {
    static final String INTRO = """
        `io.tsconnect.mqtt.MqttSourceConnector` subscribes to MQTT 3.1.1 or MQTT 5 topic filters and writes every \
        message to Kafka. QoS 1 and 2 messages are acknowledged to the broker only after Kafka has acknowledged \
        the record, from each task's persistent session (clean start off, stable client id `<prefix>-<task>`), so \
        messages in flight when a worker dies are redelivered by the broker: at-least-once end to end, with \
        duplicates possible after a failure. QoS 0 is at-most-once.

        At-least-once also depends on the broker keeping what it queues for a subscriber that falls behind or is \
        offline. Defaults that drop QoS 1 messages silently must be raised: mosquitto `max_queued_messages` \
        (default 1000; 0 = unlimited) and `max_queued_bytes`, plus `persistence true` to survive broker restarts; \
        HiveMQ `<queued-messages><max-queue-size>` (default 1000, strategy `discard`) and the session expiry \
        limit. Brokers cap the unacknowledged messages in flight per subscriber (mosquitto \
        `max_inflight_messages`, 20; HiveMQ CE about 10), so one task's throughput is about that window divided by \
        Kafka's acknowledgement latency: use `mqtt.shared.subscription.group` and more tasks to scale a busy \
        filter.

        With `value.format=sparkplug_b` the connector is a Sparkplug B consumer: it decodes the protobuf payloads \
        of `spBv1.0/#`, names aliased metrics from the births it has seen (kept in the source offsets across \
        restarts), checks each edge node's sequence numbers, optionally asks edge nodes for a rebirth, and writes \
        typed metric records plus online/offline records (see the Sparkplug B group below).
        """;

    @Test
    void configReferenceIsCurrent() {
        ConfigDocsCheck.assertCurrent("mqtt-source-connector",
            ConfigDocs.markdown("MQTT source connector", INTRO, MqttSourceConfig.CONFIG_DEF));
    }
}
