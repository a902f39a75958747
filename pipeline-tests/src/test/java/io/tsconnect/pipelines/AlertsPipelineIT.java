package io.tsconnect.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.tsconnect.simulator.Shape;
import io.tsconnect.simulator.Simulation;
import io.tsconnect.simulator.SimulatorOptions;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;

/**
 * The loop back to the devices through the real {@code connector-configs} files: the simulator publishes readings
 * with spikes to mosquitto, the MQTT source moves them to {@code device-readings}, the QuestDB sink stores every
 * reading, and the MQTT sink ({@code mqtt-sink-alerts.json}, filtered by its {@code FieldValue} predicates)
 * publishes exactly the temperature readings above 40 back to {@code devices/<location>/<device>/alerts}, where a
 * plain subscriber receives them. The alerts are not read back as readings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsPipelineIT {
    private static final int LOCATIONS = 3;
    private static final int DEVICES = 2;
    private static final int MESSAGES = LOCATIONS * DEVICES * 2 * 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private MosquittoBroker mqtt;
    private EmbeddedQuestDb questdb;
    private ConnectHarness harness;
    private Mqtt5AsyncClient subscriber;
    private final List<Mqtt5Publish> alerts = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startPipeline() throws Exception {
        mqtt = MosquittoBroker.builder().start();
        questdb = EmbeddedQuestDb.start();
        URI broker = URI.create(mqtt.uri());
        subscriber = MqttClient.builder().useMqttVersion5().identifier("alerts-subscriber")
            .serverHost(broker.getHost()).serverPort(broker.getPort()).buildAsync();
        subscriber.publishes(MqttGlobalPublishFilter.ALL, alerts::add);
        subscriber.connect().get(10, TimeUnit.SECONDS);
        subscriber.subscribeWith().topicFilter("devices/+/+/alerts").qos(MqttQos.AT_LEAST_ONCE).send()
            .get(10, TimeUnit.SECONDS);

        harness = ConnectHarness.builder().plugins("mqtt-source-connector", "questdb-sink-connector",
            "mqtt-sink-connector").start();
        harness.startConnectorFile("mqtt-source.json", Map.of("mqtt.server.uris", mqtt.uri()), 1);
        harness.startConnectorFile("questdb-sink-readings.json", Map.of("client.conf.string", questdb.ilpHttpConf()),
            1);
        harness.startConnectorFile("mqtt-sink-alerts.json", Map.of("mqtt.server.uris", mqtt.uri()), 1);

        SimulatorOptions.Builder sim = new SimulatorOptions.Builder();
        sim.broker = broker;
        sim.locations = LOCATIONS;
        sim.devices = DEVICES;
        sim.shape = Shape.READINGS;
        sim.rate = 400;
        sim.count = MESSAGES;
        sim.qos = 1;
        sim.anomalyRate = 0.1;
        try (Simulation simulation = Simulation.start(sim.build())) {
            simulation.await(60_000);
            assertEquals(MESSAGES, simulation.published(), "the broker acknowledged every publish");
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (subscriber != null) {
            subscriber.disconnect().exceptionally(e -> null).get(5, TimeUnit.SECONDS);
        }
        for (AutoCloseable c : new AutoCloseable[] {harness, questdb, mqtt}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void everyTemperatureAboveTheThresholdComesBackAsAnAlertOnItsDevicesTopic() throws Exception {
        questdb.awaitRowCount("device_readings", MESSAGES, Duration.ofSeconds(90));
        Set<String> expected = new HashSet<>();
        questdb.query("SELECT location, device, cast(timestamp AS long) / 1000 ts, value FROM device_readings "
            + "WHERE metric = 'temp' AND value > 40").forEach(row -> expected.add(row.get("location") + "/"
            + row.get("device") + "@" + ((Number) row.get("ts")).longValue()));
        assertFalse(expected.isEmpty(), "the simulator's spikes put some temperatures above 40");

        Await.until(expected.size() + " alerts", Duration.ofSeconds(90), () -> received().containsAll(expected),
            () -> received().size() + " distinct alerts of " + expected.size());
        Thread.sleep(1000);
        assertEquals(expected, received(), "alerts for exactly the hot temperature readings");
        for (Mqtt5Publish alert : alerts) {
            JsonNode reading = JSON.readTree(alert.getPayloadAsBytes());
            assertEquals("devices/" + reading.get("location").asText() + "/" + reading.get("device").asText()
                + "/alerts", alert.getTopic().toString());
            assertEquals("temp", reading.get("metric").asText());
            assertTrue(reading.get("value").asDouble() > 40, reading.toString());
            assertTrue(alert.getMessageExpiryInterval().isPresent(), "alerts expire (mqtt.message.expiry.seconds)");
        }
        // The MQTT source subscribes to temp and pressure only: the alerts never come back as readings.
        assertEquals(MESSAGES, ((Number) questdb.query("SELECT count() n FROM device_readings").get(0).get("n"))
            .intValue());
        System.out.printf("[alerts] %d of %d readings were temperatures above 40; %d alert messages received%n",
            expected.size(), MESSAGES, alerts.size());
    }

    private Set<String> received() {
        Set<String> out = new HashSet<>();
        for (Mqtt5Publish alert : alerts) {
            try {
                JsonNode reading = JSON.readTree(new String(alert.getPayloadAsBytes(), StandardCharsets.UTF_8));
                out.add(reading.get("location").asText() + "/" + reading.get("device").asText() + "@"
                    + reading.get("timestamp").asLong());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }
}
