package io.tsconnect.simulator.sparkplug;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.InvalidProtocolBufferException;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.tsconnect.sparkplug.proto.SparkplugB.Payload;

/**
 * A simulated Sparkplug B edge node with devices: publishes NBIRTH and DBIRTHs (its NDEATH is the MQTT will),
 * DDATA by alias with a sequence number that wraps from 255 to 0, DDEATH, and answers an NCMD
 * {@code Node Control/Rebirth} with fresh births, as a real edge node must. {@link #skipSequenceNumber()} makes
 * the next message look as if one was lost. Publishes at QoS 1 and waits for the broker's acknowledgement, so a
 * test knows what the broker has.
 */
public final class SparkplugEdgeNode implements AutoCloseable {
    private static final String NAMESPACE = "spBv1.0";
    private final Mqtt5AsyncClient client;
    private final String group;
    private final String edgeNode;
    private final List<String> devices;
    private final long bdSeq;
    private final AtomicInteger rebirths = new AtomicInteger();
    private long seq;

    private SparkplugEdgeNode(Mqtt5AsyncClient client, String group, String edgeNode, List<String> devices,
                              long bdSeq) {
        this.client = client;
        this.group = group;
        this.edgeNode = edgeNode;
        this.devices = List.copyOf(devices);
        this.bdSeq = bdSeq;
    }

    /**
     * Connects (with the NDEATH as will) and subscribes to the node's commands; publishes nothing yet.
     *
     * @param username {@code null} for an anonymous connection
     * @param bdSeq the birth/death sequence of this session
     */
    public static SparkplugEdgeNode connect(URI broker, String username, String password, String group,
                                            String edgeNode, List<String> devices, long bdSeq) {
        var builder = MqttClient.builder().useMqttVersion5().identifier("sp-" + edgeNode + "-" + UUID.randomUUID())
            .serverHost(broker.getHost()).serverPort(broker.getPort());
        if (username != null) {
            builder.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth();
        }
        Mqtt5AsyncClient client = builder.buildAsync();
        SparkplugEdgeNode node = new SparkplugEdgeNode(client, group, edgeNode, devices, bdSeq);
        client.connectWith().cleanStart(true)
            .willPublish().topic(node.topic("NDEATH", null)).qos(MqttQos.AT_LEAST_ONCE)
            .payload(SparkplugPayloads.ndeath(bdSeq, System.currentTimeMillis()).toByteArray()).applyWillPublish()
            .send().orTimeout(30, TimeUnit.SECONDS).join();
        client.subscribeWith().topicFilter(node.topic("NCMD", null)).qos(MqttQos.AT_LEAST_ONCE)
            .callback(node::onCommand).send().orTimeout(30, TimeUnit.SECONDS).join();
        return node;
    }

    private String topic(String type, String device) {
        return NAMESPACE + "/" + group + "/" + type + "/" + edgeNode + (device == null ? "" : "/" + device);
    }

    /** NBIRTH (starting the sequence at 0) and a DBIRTH per device. */
    public synchronized void birth() {
        seq = 0;
        publish(topic("NBIRTH", null), SparkplugPayloads.nbirth(nextSeq(), bdSeq, System.currentTimeMillis()));
        for (int d = 0; d < devices.size(); d++) {
            publish(topic("DBIRTH", devices.get(d)), SparkplugPayloads.dbirth(nextSeq(), d,
                System.currentTimeMillis()));
        }
    }

    /** A DDATA of device {@code d} with its live metrics by alias. */
    public synchronized void data(int d, long timestamp, double temperature, float pressure, int count) {
        publish(topic("DDATA", devices.get(d)), SparkplugPayloads.ddata(nextSeq(), d, timestamp, temperature,
            pressure, count));
    }

    /** The next message will carry a sequence number one further than due, as if one had been lost. */
    public synchronized void skipSequenceNumber() {
        nextSeq();
    }

    public synchronized void deviceDeath(int d) {
        publish(topic("DDEATH", devices.get(d)), SparkplugPayloads.ddeath(nextSeq(), System.currentTimeMillis()));
    }

    /** Publishes the NDEATH itself (as an edge node does before a planned disconnect). */
    public synchronized void nodeDeath() {
        publish(topic("NDEATH", null), SparkplugPayloads.ndeath(bdSeq, System.currentTimeMillis()));
    }

    /** Rebirth requests answered so far. */
    public int rebirths() {
        return rebirths.get();
    }

    /** The sequence number the next message will carry. */
    public synchronized long nextSequenceNumber() {
        return seq;
    }

    private long nextSeq() {
        long s = seq;
        seq = (seq + 1) % 256;
        return s;
    }

    private void publish(String topic, Payload payload) {
        CompletableFuture<?> sent = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
            .payload(payload.toByteArray()).send();
        sent.orTimeout(30, TimeUnit.SECONDS).join();
    }

    private void onCommand(Mqtt5Publish command) {
        try {
            Payload payload = Payload.parseFrom(command.getPayloadAsBytes());
            boolean rebirth = payload.getMetricsList().stream().anyMatch(m ->
                SparkplugPayloads.REBIRTH.equals(m.getName()) && m.getBooleanValue());
            if (rebirth) {
                rebirths.incrementAndGet();
                // Off the client's callback thread: publish() waits for acknowledgements that thread delivers.
                CompletableFuture.runAsync(this::birth);
            }
        } catch (InvalidProtocolBufferException e) {
            // not a Sparkplug command: ignored, as an edge node would
        }
    }

    /** Disconnects without the will (call {@link #nodeDeath()} first for a clean death). */
    @Override
    public void close() {
        client.disconnect().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
