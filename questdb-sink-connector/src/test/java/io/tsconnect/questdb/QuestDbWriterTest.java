package io.tsconnect.questdb;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tsconnect.questdb.config.QuestDbSinkConfig;

class QuestDbWriterTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final String THREAD = "questdb-writer-test-sender";
    private final FakeSender fake = new FakeSender();
    private final List<SinkRecord> reported = Collections.synchronizedList(new ArrayList<>());
    private final List<QuestDbWriter> writers = new ArrayList<>();
    private volatile long now;

    private QuestDbWriter writer(int flushRows, boolean withReporter) {
        return writer(flushRows, withReporter, new WriterMetrics());
    }

    private QuestDbWriter writer(int flushRows, boolean withReporter, WriterMetrics metrics) {
        QuestDbSinkConfig config = new QuestDbSinkConfig(Map.of("client.conf.string", "http::addr=x:1;"));
        ErrantRecords errant = new ErrantRecords(withReporter ? (record, error) -> {
            reported.add(record);
            return CompletableFuture.completedFuture(null);
        } : null);
        QuestDbWriter writer = new QuestDbWriter(fake::sender, () -> new RecordMapper(config), null, errant,
            new FlushPolicy(flushRows, Duration.ofSeconds(10), Duration.ofSeconds(5)), metrics, () -> now, THREAD);
        writers.add(writer);
        return writer;
    }

    @AfterEach
    void closeWriters() {
        fake.open();
        writers.forEach(QuestDbWriter::close);
    }

    private static List<SinkRecord> records(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new SinkRecord("t", 0, null, null, null,
            Map.of("id", (long) i), i)).toList();
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    private static long committed(QuestDbWriter writer) {
        OffsetAndMetadata offset = writer.committableOffsets(List.of(TP)).get(TP);
        return offset == null ? -1 : offset.offset();
    }

    @Test
    void flushesOnRowCountAndCommitsOnlyAcknowledgedRows() throws Exception {
        QuestDbWriter writer = writer(10, true);
        writer.write(records(0, 5));
        assertEquals(0, committed(writer), "nothing acknowledged yet: commit from offset 0");
        fake.hold();
        writer.write(records(5, 10));
        assertTrue(fake.flushStarted.await(10, TimeUnit.SECONDS), "the full buffer is being sent");
        assertEquals(0, committed(writer), "a batch in flight is not acknowledged");
        fake.open();
        writer.flush();
        assertEquals(ids(0, 10), fake.landed);
        assertEquals(10, committed(writer));
    }

    @Test
    void convertsTheNextBatchWhileThePreviousIsSentAndKeepsTheOrder() throws Exception {
        QuestDbWriter writer = writer(10, true);
        fake.hold();
        writer.write(records(0, 10));
        assertTrue(fake.flushStarted.await(10, TimeUnit.SECONDS));
        // The sender thread is blocked inside flush(): put() still returns and buffers the next records.
        writer.write(records(10, 15));
        assertEquals(15, writer.buffered());
        assertEquals(0, committed(writer));
        assertTrue(writer.millisUntilDue() >= 0 && writer.millisUntilDue() <= QuestDbWriter.IN_FLIGHT_POLL_MS,
            "put() is re-entered soon to collect the in-flight result");
        fake.open();
        writer.write(records(15, 25));
        writer.flush();
        assertEquals(ids(0, 25), fake.landed);
        assertEquals(25, committed(writer));
    }

    @Test
    void recordsAreConvertedAsTheyArriveAndSentOnlyWhenTheBufferIsDue() {
        QuestDbWriter writer = writer(10, true);
        List<SinkRecord> second = new ArrayList<>(records(3, 7));
        second.set(1, new SinkRecord("t", 0, null, null, null, Map.of("id", 4L, "odd", new Object()), 4));
        writer.write(records(0, 3));
        writer.write(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.encoded.contains("6"));
        assertEquals(0, fake.flushes, "converted on arrival, not sent before the buffer is due");
        assertEquals(List.of(), reported, "a bad record is reported only with its batch's outcome");
        assertEquals(0, committed(writer));
        writer.write(records(7, 10));
        writer.flush();
        assertEquals(List.of("0", "1", "2", "3", "5", "6", "7", "8", "9"), fake.landed);
        assertEquals(List.of("0", "1", "2", "3", "5", "6", "7", "8", "9"), fake.encoded, "each record once");
        assertEquals(List.of(4L), reported.stream().map(SinkRecord::kafkaOffset).toList());
        assertEquals(1, fake.flushes);
        assertEquals(10, committed(writer));
    }

    @Test
    void flushesOnAgeAndIdleness() {
        QuestDbWriter writer = writer(1000, true);
        writer.write(records(0, 3));
        assertEquals(5_000, writer.millisUntilDue());
        now += Duration.ofSeconds(5).toNanos();
        writer.write(List.of());
        writer.flush();
        assertEquals(3, fake.landed.size());
        assertEquals(-1, writer.millisUntilDue());
    }

    @Test
    void unreachableServerKeepsEveryRowAndIgnoresRedeliveredRecords() {
        QuestDbWriter writer = writer(5, true);
        fake.down = true;
        writer.write(records(0, 5));
        assertThrows(QuestDbWriter.FlushFailedException.class, writer::flush);
        assertEquals(0, committed(writer));
        assertEquals(1, writer.transientFailures());
        // Connect re-delivers the same batch after the RetriableException; the retry goes out at once.
        writer.write(records(0, 5));
        assertThrows(QuestDbWriter.FlushFailedException.class, writer::flush);
        assertEquals(2, writer.transientFailures());
        fake.down = false;
        writer.write(records(0, 5));
        writer.flush();
        assertEquals(ids(0, 5), fake.landed);
        assertEquals(5, committed(writer));
        assertEquals(0, writer.transientFailures());
    }

    @Test
    void batchThatFailedHalfEncodedIsSentAgainWithoutTheRowsEncodedBeforeTheFailure() {
        QuestDbWriter writer = writer(10, true);
        fake.failEncodingId = "4";
        writer.write(records(0, 10));
        assertThrows(QuestDbWriter.FlushFailedException.class, writer::flush);
        assertEquals(0, committed(writer));
        writer.write(records(0, 10));
        writer.flush();
        // The sender threads take batches in turn: the next batch goes to the one the failure left rows 0-3 with.
        writer.write(records(10, 20));
        writer.flush();
        assertEquals(ids(0, 20), fake.landed, "rows 0-3, encoded before the failure, land once");
        assertEquals(20, committed(writer));
    }

    @Test
    void failedInFlightBatchComesBackAheadOfNewerRowsInOrder() throws Exception {
        QuestDbWriter writer = writer(10, true);
        fake.hold();
        writer.write(records(0, 10));
        assertTrue(fake.flushStarted.await(10, TimeUnit.SECONDS));
        writer.write(records(10, 13));
        fake.down = true;
        fake.open();
        assertThrows(QuestDbWriter.FlushFailedException.class, writer::flush);
        assertEquals(13, writer.buffered());
        assertEquals(0, committed(writer));
        fake.down = false;
        writer.write(records(10, 13));
        writer.flush();
        assertEquals(ids(0, 13), fake.landed, "each row once, in offset order");
        assertEquals(13, committed(writer));
    }

    @Test
    void theNextBatchIsConvertedMeanwhileButSentOnlyAfterThePreviousOneLanded() throws Exception {
        QuestDbWriter writer = writer(10, true);
        fake.hold();
        writer.write(records(0, 10));
        assertTrue(fake.flushStarted.await(10, TimeUnit.SECONDS));
        writer.write(records(10, 20));
        // The second batch is converted on the other sender thread while the first one is with QuestDB.
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.encoded.contains("19"));
        assertEquals(20, writer.buffered());
        assertEquals(0, committed(writer));
        fake.down = true;
        fake.open();
        assertThrows(QuestDbWriter.FlushFailedException.class, writer::flush);
        assertEquals(1, fake.flushes, "the second batch was not sent past the failed first one");
        assertEquals(20, writer.buffered(), "both batches are back, nothing lost");
        fake.down = false;
        writer.write(records(0, 20));
        writer.flush();
        assertEquals(ids(0, 20), fake.landed, "each row once, in offset order");
        assertEquals(20, committed(writer));
    }

    @Test
    void recordsThatCannotBeConvertedAreReportedAndTheOthersOfTheBatchLand() {
        QuestDbWriter writer = writer(5, true);
        List<SinkRecord> batch = new ArrayList<>(records(0, 5));
        batch.set(2, new SinkRecord("t", 0, null, null, null, Map.of("id", 2L, "odd", new Object()), 2));
        writer.write(batch);
        writer.flush();
        assertEquals(List.of("0", "1", "3", "4"), fake.landed);
        assertEquals(List.of(2L), reported.stream().map(SinkRecord::kafkaOffset).toList());
        assertEquals(5, committed(writer));
    }

    @Test
    void badRowIsIsolatedByHalvingAndTheOthersLand() {
        QuestDbWriter writer = writer(16, true);
        fake.badId = "11";
        writer.write(records(0, 16));
        writer.flush();
        assertEquals(15, fake.landed.size());
        assertFalse(fake.landed.contains("11"));
        assertEquals(1, reported.size());
        assertEquals(11, reported.get(0).kafkaOffset());
        assertEquals(16, committed(writer));
        assertTrue(fake.flushes <= 1 + 2 * 4, "halving needs at most 2 log2(n) extra requests: " + fake.flushes);
    }

    @Test
    void badRowWithoutReporterFailsTheTaskNamingTheRecordAndCommitsNothingMore() {
        QuestDbWriter writer = writer(4, false);
        fake.badId = "2";
        writer.write(records(0, 4));
        ConnectException e = assertThrows(ConnectException.class, writer::flush);
        assertTrue(e.getMessage().contains("t-0@2"), e.getMessage());
        assertEquals(Map.of(), writer.committableOffsets(List.of(TP)));
        assertThrows(ConnectException.class, () -> writer.write(records(4, 5)));
    }

    @Test
    void fatalServerAnswerFailsEveryLaterCall() {
        QuestDbWriter writer = writer(3, true);
        fake.unauthorized = true;
        writer.write(records(0, 3));
        ConnectException e = assertThrows(ConnectException.class, writer::flush);
        assertFalse(e instanceof QuestDbWriter.FlushFailedException, "401 is not retried");
        assertThrows(ConnectException.class, () -> writer.write(records(3, 4)));
        assertEquals(Map.of(), writer.committableOffsets(List.of(TP)));
    }

    @Test
    void revokedPartitionsAreForgotten() {
        QuestDbWriter writer = writer(100, true);
        writer.write(records(0, 3));
        writer.forget(List.of(TP));
        assertEquals(0, writer.buffered());
        writer.flush();
        assertEquals(0, fake.landed.size());
        // The partition comes back: its rows converted before the revocation are not sent with the new ones.
        writer.write(records(3, 5));
        writer.flush();
        assertEquals(ids(3, 5), fake.landed);
    }

    @Test
    void offsetsOfRecordsRenamedByAnSmtAreCommittedForThePartitionConnectConsumed() {
        // RegexRouter naming the table: Connect asks preCommit for "t", the records say "readings_table".
        QuestDbWriter writer = writer(100, true);
        writer.write(records(0, 3).stream().map(r -> r.newRecord("readings_table", r.kafkaPartition(), null, null,
            null, r.value(), r.timestamp())).toList());
        assertEquals(0, committed(writer), "nothing acknowledged yet");
        writer.flush();
        assertEquals(ids(0, 3), fake.landed);
        assertEquals(3, committed(writer));
    }

    @Test
    void closeLetsTheBatchInFlightFinishThenClosesTheSenderAndEndsItsThread() throws Exception {
        QuestDbWriter writer = writer(5, true);
        fake.hold();
        writer.write(records(0, 5));
        assertTrue(fake.flushStarted.await(10, TimeUnit.SECONDS));
        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            fake.open();
        });
        writer.close();
        assertEquals(ids(0, 5), fake.landed);
        assertTrue(fake.closed, "sender closed");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(THREAD)
            && t.isAlive()), "sender thread ended");
    }
}
