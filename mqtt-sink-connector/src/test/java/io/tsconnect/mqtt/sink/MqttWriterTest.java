package io.tsconnect.mqtt.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.tsconnect.mqtt.sink.config.MessageConfig;
import io.tsconnect.mqtt.sink.config.MqttSinkConfig;

class MqttWriterTest {
    private static final TopicPartition P0 = new TopicPartition("cmds", 0);
    private static final TopicPartition P1 = new TopicPartition("cmds", 1);
    private final FakeConnection.Broker broker = new FakeConnection.Broker();
    private final List<String> reported = new ArrayList<>();
    private final SinkMetrics metrics = new SinkMetrics();

    private MqttWriter writer(int maxInFlight, Duration ackTimeout) {
        Map<String, String> props = new HashMap<>();
        props.put(MqttSinkConfig.SERVER_URIS_CONFIG, "tcp://fake:1883");
        props.put(MessageConfig.TOPIC_CONFIG, "devices/${device}");
        props.put(MessageConfig.PAYLOAD_FORMAT_CONFIG, "field");
        props.put(MessageConfig.PAYLOAD_FIELD_CONFIG, "text");
        MqttSinkConfig config = new MqttSinkConfig(props);
        ErrantRecords errant = new ErrantRecords((record, error) -> {
            reported.add(record.kafkaOffset() + ": " + error.getMessage());
            return CompletableFuture.completedFuture(null);
        });
        return new MqttWriter(broker::open, new MessageMapper(config.messages(), true), errant, metrics, "t-0",
            maxInFlight, ackTimeout, Duration.ofSeconds(1));
    }

    private static SinkRecord record(int partition, long offset, String device) {
        Map<String, Object> value = new HashMap<>();
        value.put("device", device);
        value.put("text", partition + ":" + offset);
        return new SinkRecord("cmds", partition, Schema.STRING_SCHEMA, "k", null, value, offset);
    }

    private static List<SinkRecord> records(int partition, long from, int n) {
        List<SinkRecord> out = new ArrayList<>();
        for (long o = from; o < from + n; o++) {
            out.add(record(partition, o, "d" + o));
        }
        return out;
    }

    private static long committed(Map<TopicPartition, OffsetAndMetadata> offsets, TopicPartition tp) {
        OffsetAndMetadata o = offsets.get(tp);
        return o == null ? -1 : o.offset();
    }

    @Test
    void commitsOnlyPastAcknowledgedRecordsEvenWhenAcksArriveOutOfOrder() {
        MqttWriter writer = writer(100, Duration.ofSeconds(30));
        writer.write(records(0, 10, 3));
        writer.write(records(1, 0, 2));
        FakeConnection c = broker.last();
        assertEquals(5, c.sent.size());
        assertTrue(writer.committableOffsets(Set.of(P0, P1)).isEmpty(), "nothing acknowledged yet");

        c.ack(1); // offset 11 before 10
        c.ack(3); // partition 1, offset 0
        Map<TopicPartition, OffsetAndMetadata> offsets = writer.committableOffsets(Set.of(P0, P1));
        assertEquals(-1, committed(offsets, P0), "10 is unacknowledged, so 11 cannot be committed");
        assertEquals(1, committed(offsets, P1));

        c.ack(0);
        assertEquals(12, committed(writer.committableOffsets(Set.of(P0)), P0));
        c.ack(2);
        assertEquals(13, committed(writer.committableOffsets(Set.of(P0)), P0));
        assertEquals(4, metrics.getAcknowledged());
        assertEquals(1, metrics.getInFlight());
    }

    @Test
    void neverHasMoreInFlightThanTheBrokersReceiveMaximum() throws Exception {
        broker.sendMaximum = 3;
        MqttWriter writer = writer(100, Duration.ofSeconds(30));
        Thread acker = new Thread(() -> {
            // Plays a broker that acknowledges slowly, and checks the window every time.
            int acked = 0;
            while (acked < 20) {
                FakeConnection c = broker.connections.isEmpty() ? null : broker.last();
                if (c == null) {
                    Thread.onSpinWait();
                    continue;
                }
                synchronized (c) {
                    if (c.unanswered() > 3) {
                        throw new AssertionError(c.unanswered() + " in flight");
                    }
                    if (acked < c.sent.size()) {
                        c.ack(acked++);
                    }
                }
            }
        });
        acker.start();
        writer.write(records(0, 0, 20));
        acker.join(10_000);
        assertEquals(3, metrics.getInFlightLimit());
        assertEquals(20, committed(writer.committableOffsets(Set.of(P0)), P0));
    }

    @Test
    void lostConnectionRepublishesUnacknowledgedMessagesInOrderBeforeNewOnes() {
        MqttWriter writer = writer(100, Duration.ofSeconds(30));
        writer.write(records(0, 0, 4));
        FakeConnection first = broker.last();
        first.ack(0);
        first.ack(1);
        first.drop();

        broker.refuseConnect = new IllegalStateException("connection refused");
        List<SinkRecord> next = records(0, 4, 2);
        assertThrows(PublishFailedException.class, () -> writer.write(next), "broker down: retriable");
        assertEquals(2, committed(writer.committableOffsets(Set.of(P0)), P0), "only what was acknowledged");
        assertEquals(1, writer.failures());

        broker.refuseConnect = null;
        // Connect redelivers the batch after the backoff; nothing accepted is published twice by the writer.
        writer.write(next);
        FakeConnection second = broker.last();
        assertEquals(List.of("0:2", "0:3", "0:4", "0:5"),
            second.sent.stream().map(s -> new String(s.message().payload())).toList());
        second.ackAll();
        assertEquals(6, committed(writer.committableOffsets(Set.of(P0)), P0));
        assertEquals(0, writer.failures());
    }

    @Test
    void publishesAClosedConnectionNeverAnswersAreTakenAsLostAndTheirLateAnswersIgnored() {
        broker.silentWhenClosed = true;
        MqttWriter writer = writer(10, Duration.ofSeconds(30));
        writer.write(records(0, 0, 2));
        FakeConnection first = broker.last();
        first.drop();
        writer.write(List.of());
        FakeConnection second = broker.last();
        assertEquals(2, second.sent.size(), "both published again");
        first.ackAll();
        assertTrue(writer.committableOffsets(Set.of(P0)).isEmpty(), "an answer from the old connection is stale");
        second.ackAll();
        assertEquals(2, committed(writer.committableOffsets(Set.of(P0)), P0));
        assertEquals(0, metrics.getInFlight());
    }

    @Test
    void aMessageNotAcknowledgedInTimeBreaksTheConnectionAndIsPublishedAgain() throws Exception {
        MqttWriter writer = writer(3, Duration.ofMillis(200));
        writer.write(records(0, 0, 2));
        FakeConnection first = broker.last();
        Thread.sleep(300);
        // The broker never answered: the writer closes that connection and publishes both again on a new one.
        writer.write(records(0, 2, 1));
        assertEquals(0, first.unanswered(), "closing the connection failed its publishes");
        FakeConnection second = broker.last();
        assertEquals(2, broker.connections.size());
        assertEquals(3, second.sent.size());
        second.ackAll();
        assertEquals(3, committed(writer.committableOffsets(Set.of(P0)), P0));
    }

    @Test
    void aFullWindowThatIsNeverAcknowledgedFailsRetriablyInsteadOfBlocking() {
        MqttWriter writer = writer(2, Duration.ofMillis(200));
        assertThrows(PublishFailedException.class, () -> writer.write(records(0, 0, 3)));
        assertEquals(0, broker.last().unanswered(), "the stalled connection was closed");
        assertTrue(writer.committableOffsets(Set.of(P0)).isEmpty());
    }

    @Test
    void unpublishableAndRefusedRecordsGoToTheErrantReporterAndAreCommittedPast() {
        MqttWriter writer = writer(100, Duration.ofSeconds(30));
        List<SinkRecord> batch = List.of(record(0, 0, "a"), record(0, 1, "+"), record(0, 2, "c"));
        writer.write(batch);
        FakeConnection c = broker.last();
        assertEquals(2, c.sent.size(), "the record with a wildcard in its topic is never published");
        c.ack(0);
        c.refuse(1, "NOT_AUTHORIZED");
        assertEquals(3, committed(writer.committableOffsets(Set.of(P0)), P0));
        assertEquals(2, reported.size());
        assertTrue(reported.get(0).startsWith("1: Invalid MQTT topic") && reported.get(0).contains("'+'"),
            reported.toString());
        assertTrue(reported.get(1).startsWith("2: refused: NOT_AUTHORIZED"), reported.toString());
        assertEquals(2, metrics.getErrantRecords());
    }

    @Test
    void aConnectFailureRetryingCannotFixFailsTheTask() {
        broker.refuseConnect = new IllegalStateException(new javax.net.ssl.SSLHandshakeException("untrusted"));
        MqttWriter writer = writer(10, Duration.ofSeconds(30));
        ConnectException e = assertThrows(ConnectException.class, () -> writer.write(records(0, 0, 1)));
        assertTrue(!(e instanceof PublishFailedException) && e.getMessage().contains("mqtt.tls"), e.getMessage());
        assertTrue(writer.committableOffsets(Set.of(P0)).isEmpty());
    }

    @Test
    void revokedPartitionsAreForgotten() {
        MqttWriter writer = writer(10, Duration.ofSeconds(30));
        writer.write(records(0, 0, 2));
        broker.last().ackAll();
        writer.forget(Set.of(P0));
        assertTrue(writer.committableOffsets(Set.of(P0)).isEmpty());
        writer.write(records(0, 0, 1));
        assertEquals(3, broker.last().sent.size(), "a reassigned partition is published from where it is read");
    }
}
