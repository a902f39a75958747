package io.tsconnect.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.JMException;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;

/** The packaged connector on a real Connect cluster writing to a real QuestDB, rows read back over /exec. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuestDbSinkIT {
    private static final Duration ROWS_TIMEOUT = Duration.ofSeconds(60);
    private static final String CONNECTOR = QuestDbSinkConnector.class.getName();
    private ConnectHarness harness;
    private EmbeddedQuestDb db;

    @BeforeAll
    void start() {
        db = EmbeddedQuestDb.start();
        harness = ConnectHarness.builder().plugins("questdb-sink-connector").start();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private Map<String, String> config(String topic, String... kv) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("client.conf.string", db.ilpHttpConf());
        config.put("flush.idle.ms", "100");
        for (int i = 0; i < kv.length; i += 2) {
            config.put(kv[i], kv[i + 1]);
        }
        return config;
    }

    /** A task metric from the platform MBean server (the Connect workers run in this JVM). */
    private static Object metric(String connector, String attribute) {
        try {
            ObjectName name = new ObjectName("kafka.connect.tsconnect:type=questdb-sink-task,connector="
                + ObjectName.quote(connector) + ",task=0");
            return ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
        } catch (JMException e) {
            return null;
        }
    }

    private static void awaitMetric(String connector, String attribute, long expected) {
        Await.until(connector + " " + attribute + " = " + expected, ROWS_TIMEOUT,
            () -> metric(connector, attribute) instanceof Long v && v == expected);
    }

    private void startConnector(String name, Map<String, String> config) {
        harness.kafka().createTopic(config.get("topics"), 1);
        harness.startConnector(name, config, 1);
    }

    @Test
    void readingsSampleLandsSchemalessJsonWithSymbolsAndFieldTimestamp() {
        ConnectorConfigs file = ConnectorConfigs.load("questdb-sink-readings.json").with(Map.of(
            "client.conf.string", db.ilpHttpConf(), "topics", "device-readings", "name", "questdb-sink-readings"));
        assertEquals(Map.of(), harness.validationErrors(CONNECTOR, file.config()));
        harness.kafka().createTopic("device-readings", 1);
        harness.startConnector(file.name(), file.config(), 1);
        for (int i = 0; i < 100; i++) {
            harness.produce("device-readings", "d" + (i % 4), "{\"device\":\"d" + (i % 4) + "\",\"metric\":\"temp\","
                + "\"location\":\"lab\",\"value\":" + (20 + i) + ".5,\"seq\":" + i + ",\"timestamp\":"
                + (1_700_000_000_000L + i) + "}");
        }
        db.awaitRowCount("device_readings", 100, ROWS_TIMEOUT);
        Map<String, String> types = db.columnTypes("device_readings");
        assertEquals("SYMBOL", types.get("device"));
        assertEquals("SYMBOL", types.get("metric"));
        assertEquals("DOUBLE", types.get("value"));
        assertEquals("LONG", types.get("seq"));
        Map<String, Object> first = db.query("select * from device_readings where seq = 0").get(0);
        assertEquals("2023-11-14T22:13:20.000000Z", first.get("timestamp"));
        assertEquals(List.of("timestamp", "metric", "location", "device"), upsertKeys("device_readings"),
            "the shipped config creates the table with its natural key as DEDUP UPSERT KEYS");
        harness.connect().deleteConnector(file.name());
    }

    @Test
    void tableThatExistedWithoutDedupKeysGetsThemSoAReplayAddsNoRow() throws Exception {
        db.exec("CREATE TABLE legacy (timestamp TIMESTAMP, device SYMBOL, v LONG) TIMESTAMP(timestamp) "
            + "PARTITION BY DAY WAL");
        assertEquals(List.of(), upsertKeys("legacy"));
        Map<String, String> config = config("legacy", "table.create", "true", "symbols", "device",
            "table.dedup.keys", "device", "timestamp.source", "field", "timestamp.field.name", "ts",
            "timestamp.units", "ms");
        startConnector("legacy", config);
        for (int i = 0; i < 50; i++) {
            harness.produce("legacy", null, "{\"device\":\"d" + (i % 2) + "\",\"v\":" + i + ",\"ts\":" + (i / 2)
                + "}");
        }
        db.awaitRowCount("legacy", 50, ROWS_TIMEOUT);
        assertEquals(List.of("timestamp", "device"), upsertKeys("legacy"));
        // A second connector (a new consumer group) replays the whole topic into the same table.
        harness.startConnector("legacy-replay", config, 1);
        awaitMetric("legacy-replay", "RowsWritten", 50);
        Thread.sleep(2000);
        assertEquals(50, db.rowCount("legacy"), "the replay upserted every row onto itself");
        harness.connect().deleteConnector("legacy");
        harness.connect().deleteConnector("legacy-replay");
    }

    private List<String> upsertKeys(String table) {
        return db.query("select \"column\" from table_columns('" + table + "') where upsertKey").stream()
            .map(r -> (String) r.get("column")).toList();
    }

    @Test
    void githubSampleTakesIsoStringOrEpochMillisCreatedAt() {
        ConnectorConfigs file = ConnectorConfigs.load("questdb-sink-github.json").with(Map.of(
            "client.conf.string", db.ilpHttpConf(), "name", "questdb-sink-github"));
        assertEquals(Map.of(), harness.validationErrors(CONNECTOR, file.config()));
        harness.kafka().createTopic("github-events", 1);
        harness.startConnector(file.name(), file.config(), 1);
        harness.produce("github-events", "1", "{\"id\":\"1\",\"type\":\"PushEvent\",\"repo\":\"a/b\","
            + "\"created_at\":\"2024-05-01T10:00:00Z\"}");
        harness.produce("github-events", "2", "{\"id\":\"2\",\"type\":\"WatchEvent\",\"repo\":\"a/b\","
            + "\"created_at\":1714557600000}");
        db.awaitRowCount("github_events", 2, ROWS_TIMEOUT);
        List<Map<String, Object>> rows = db.query("select id, type, timestamp from github_events order by id");
        assertEquals("2024-05-01T10:00:00.000000Z", rows.get(0).get("timestamp"));
        assertEquals("2024-05-01T10:00:00.000000Z", rows.get(1).get("timestamp"));
        assertEquals("SYMBOL", db.columnTypes("github_events").get("type"));
        harness.connect().deleteConnector(file.name());
    }

    @Test
    void schemaJsonTypeMappings() {
        // ILP cannot create DECIMAL columns: the connector declares it when it creates the table.
        startConnector("types", config("types", "value.converter.schemas.enable", "true",
            "timestamp.source", "kafka", "table.create", "true", "table.columns", "price DECIMAL(18,2)"));
        String schema = "{\"type\":\"struct\",\"fields\":["
            + "{\"field\":\"l\",\"type\":\"int64\"},{\"field\":\"d\",\"type\":\"double\"},"
            + "{\"field\":\"b\",\"type\":\"boolean\"},{\"field\":\"s\",\"type\":\"string\"},"
            + "{\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\"},"
            + "{\"field\":\"price\",\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"parameters\":{\"scale\":\"2\"}},"
            + "{\"field\":\"arr\",\"type\":\"array\",\"items\":{\"type\":\"double\"}},"
            + "{\"field\":\"nested\",\"type\":\"struct\",\"fields\":[{\"field\":\"v\",\"type\":\"int32\"}]}]}";
        // price 12.34 = unscaled 1234 = 0x04D2, base64 "BNI="
        String payload = "{\"l\":7,\"d\":1.5,\"b\":true,\"s\":\"hi\",\"ts\":1700000000000,\"price\":\"BNI=\","
            + "\"arr\":[1.0,2.5],\"nested\":{\"v\":3}}";
        harness.produce("types", null, "{\"schema\":" + schema + ",\"payload\":" + payload + "}");
        db.awaitRowCount("types", 1, ROWS_TIMEOUT);
        Map<String, String> types = db.columnTypes("types");
        assertEquals("LONG", types.get("l"));
        assertEquals("DOUBLE", types.get("d"));
        assertEquals("BOOLEAN", types.get("b"));
        assertEquals("VARCHAR", types.get("s"));
        assertEquals("TIMESTAMP", types.get("ts"));
        assertEquals("DECIMAL(18,2)", types.get("price"));
        assertEquals("DOUBLE[]", types.get("arr"));
        assertEquals("LONG", types.get("nested_v"));
        Map<String, Object> row = db.query("select * from types").get(0);
        assertEquals("12.34", String.valueOf(row.get("price")));
        assertEquals(List.of(1.0, 2.5), row.get("arr"));
        harness.connect().deleteConnector("types");
    }

    @Test
    void nanosecondTimestampsLandInFull() {
        startConnector("nanos", config("nanos", "timestamp.source", "field", "timestamp.field.name", "at",
            "timestamp.units", "ns"));
        harness.produce("nanos", null, "{\"v\":1,\"at\":1700000000123456789}");
        db.awaitRowCount("nanos", 1, ROWS_TIMEOUT);
        assertEquals("TIMESTAMP_NS", db.columnTypes("nanos").get("timestamp"));
        assertEquals("2023-11-14T22:13:20.123456789Z", db.query("select timestamp from nanos").get(0)
            .get("timestamp"));
        harness.connect().deleteConnector("nanos");
    }

    @Test
    void badRowGoesToTheDlqWhileTheGoodRowsOfTheSameBatchLand() {
        harness.kafka().createTopic("mixed", 1);
        // Every record is in Kafka before the connector starts, so they arrive in one batch.
        harness.produce("mixed", null, "{\"id\":0,\"v\":1,\"ts\":0}");
        harness.produce("mixed", null, "{\"id\":1,\"v\":\"not a number\",\"ts\":1}");
        for (int i = 2; i < 10; i++) {
            harness.produce("mixed", null, "{\"id\":" + i + ",\"v\":" + i + ",\"ts\":" + i + "}");
        }
        harness.produce("mixed", null, "{\"id\":10,\"v\":10,\"ts\":\"garbage\"}");
        db.exec("create table mixed (id LONG, v LONG, timestamp TIMESTAMP) timestamp(timestamp) "
            + "partition by day wal");
        harness.startConnector("mixed", config("mixed", "flush.rows", "1000", "flush.idle.ms", "2000",
            "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "mixed-dlq",
            "errors.deadletterqueue.topic.replication.factor", "1",
            "timestamp.source", "field", "timestamp.field.name", "ts", "timestamp.units", "s"), 1);
        db.awaitRowCount("mixed", 9, ROWS_TIMEOUT);
        List<Map<String, Object>> ids = db.query("select id from mixed order by id");
        assertEquals(9, ids.size());
        assertTrue(ids.stream().noneMatch(r -> ((Number) r.get("id")).longValue() == 1));
        var dlq = harness.consume("mixed-dlq", 2, ROWS_TIMEOUT);
        assertEquals(2, dlq.size());
        assertTrue(dlq.stream().anyMatch(r -> ConnectHarness.text(r.value()).contains("not a number")));
        assertTrue(dlq.stream().anyMatch(r -> ConnectHarness.text(r.value()).contains("garbage")));
        awaitMetric("mixed", "ErrantRecords", 2);
        awaitMetric("mixed", "RowsWritten", 9);
        assertTrue((Long) metric("mixed", "Flushes") >= 1);
        assertTrue((Double) metric("mixed", "FlushLatencyAvgMs") > 0);
        assertTrue((Double) metric("mixed", "RowsPerSecond") > 0);
        harness.connect().deleteConnector("mixed");
    }

    @Test
    void serverRestartMidStreamLosesNothingAndReplayIntoDedupTableLeavesNoDuplicates() throws Exception {
        Map<String, String> config = config("restart", "table.create", "true", "table.columns", "id LONG",
            "table.dedup.keys", "id", "table.ttl", "4 WEEKS", "timestamp.source", "field",
            "timestamp.field.name", "ts", "timestamp.units", "s", "retry.backoff.initial.ms", "100",
            "retry.backoff.max.ms", "500");
        startConnector("restart", config);
        for (int i = 0; i < 200; i++) {
            harness.produce("restart", null, "{\"id\":" + i + ",\"v\":" + i + ",\"ts\":" + i + "}");
        }
        db.awaitRowCount("restart", 200, ROWS_TIMEOUT);
        db.stop();
        for (int i = 200; i < 400; i++) {
            harness.produce("restart", null, "{\"id\":" + i + ",\"v\":" + i + ",\"ts\":" + i + "}");
        }
        Await.until("a failed flush retried", ROWS_TIMEOUT, () -> metric("restart", "Retries") instanceof Long r
            && r > 0);
        db.restart();
        db.awaitRowCount("restart", 400, ROWS_TIMEOUT);
        assertTrue(String.valueOf(db.query("show create table restart").get(0)).contains("DEDUP UPSERT KEYS"));
        // A second connector (a new consumer group) replays the whole topic into the same table.
        harness.startConnector("restart-replay", config, 1);
        Thread.sleep(3000);
        db.awaitRowCount("restart", 400, ROWS_TIMEOUT);
        assertEquals(400, db.query("select distinct id from restart").size());
        harness.connect().deleteConnector("restart");
        harness.connect().deleteConnector("restart-replay");
    }

    @Test
    void tableNamedByRegexRouterStillHasItsOffsetsCommitted() {
        // Renaming the topic to pick the table is common; Connect commits offsets of the topic it consumed.
        Map<String, String> config = config("routed-readings", "transforms", "route",
            "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
            "transforms.route.regex", "routed-(.*)", "transforms.route.replacement", "$1_by_router");
        startConnector("routed", config);
        for (int i = 0; i < 20; i++) {
            harness.produce("routed-readings", null, "{\"seq\":" + i + "}");
        }
        db.awaitRowCount("readings_by_router", 20, ROWS_TIMEOUT);
        Await.until("offset 20 committed for routed-readings", ROWS_TIMEOUT,
            () -> harness.committedOffset("routed", "routed-readings") == 20);
        harness.connect().deleteConnector("routed");
    }

    @Test
    void perTopicTableOverrideAndTemplate() {
        harness.kafka().createTopic("multi-a", 2);
        harness.kafka().createTopic("multi-b", 1);
        Map<String, String> config = config("multi-a,multi-b", "table", "${topic}_p${partition}",
            "topic.multi-b.table", "b_table", "topic.multi-b.symbols", "k");
        harness.startConnector("multi", config, 1);
        harness.produce("multi-a", null, "{\"k\":\"x\"}");
        harness.produce("multi-b", null, "{\"k\":\"y\"}");
        db.awaitRowCount("b_table", 1, ROWS_TIMEOUT);
        // multi-a has two partitions: the record lands in the table of whichever partition it went to.
        io.tsconnect.testsupport.Await.until("a row in multi-a_p0 or multi-a_p1", ROWS_TIMEOUT,
            () -> Math.max(db.rowCount("multi-a_p0"), db.rowCount("multi-a_p1")) == 1);
        assertEquals("SYMBOL", db.columnTypes("b_table").get("k"));
        harness.connect().deleteConnector("multi");
    }

    @Test
    void crossFieldValidationErrorsAreAttachedToTheirKeys() {
        Map<String, List<String>> errors = harness.validationErrors(CONNECTOR, config("v",
            "timestamp.source", "field", "table", "${nope}", "table.create", "true", "table.dedup.keys", "x",
            "topic.v.bogus", "1", "name", "v"));
        assertTrue(errors.containsKey("timestamp.field.name"), errors.toString());
        assertTrue(errors.containsKey("table"), errors.toString());
        assertTrue(errors.containsKey("table.dedup.keys"), errors.toString());
        assertTrue(errors.containsKey("topic.v.bogus"), errors.toString());
    }

    /**
     * The shipped readings config reads JSON bytes itself (ByteArrayConverter + value.format=json); the
     * JsonConverter alternative must land exactly the same rows from the same records, and both must send a
     * malformed record to the DLQ while the others land.
     */
    @Test
    void shippedFastPathAndJsonConverterAlternativeLandIdenticalRows() {
        ConnectorConfigs fast = readingsConfig("questdb-sink-readings.json", "same-fast");
        ConnectorConfigs json = readingsConfig("alternatives/questdb-sink-readings-jsonconverter.json", "same-json");
        assertEquals("org.apache.kafka.connect.converters.ByteArrayConverter", fast.config().get("value.converter"));
        assertEquals("json", fast.config().get("value.format"));
        assertEquals("org.apache.kafka.connect.json.JsonConverter", json.config().get("value.converter"));
        for (ConnectorConfigs c : List.of(fast, json)) {
            assertEquals(Map.of(), harness.validationErrors(CONNECTOR, c.config()));
            harness.kafka().createTopic(c.config().get("topics"), 1);
            for (int i = 0; i < 50; i++) {
                harness.produce(c.config().get("topics"), "d" + (i % 4), "{\"device\":\"d" + (i % 4) + "\","
                    + "\"metric\":\"temp\",\"location\":\"lab\",\"value\":" + (20 + i) + ".5,\"seq\":" + i
                    + ",\"ok\":" + (i % 2 == 0) + ",\"tags\":{\"floor\":" + i + ",\"room\":\"r" + i + "\"},"
                    + "\"timestamp\":" + (1_700_000_000_000L + i) + "}");
                if (i == 25) {
                    harness.produce(c.config().get("topics"), "bad", "{\"device\":\"d1\",\"value\":");
                }
            }
            harness.startConnector(c.name(), c.config(), 1);
        }
        for (ConnectorConfigs c : List.of(fast, json)) {
            db.awaitRowCount(c.config().get("table"), 50, ROWS_TIMEOUT);
            var dlq = harness.consume(c.config().get("errors.deadletterqueue.topic.name"), 1, ROWS_TIMEOUT);
            assertEquals("{\"device\":\"d1\",\"value\":", ConnectHarness.text(dlq.get(0).value()));
        }
        assertEquals(db.columnTypes("same_json"), db.columnTypes("same_fast"));
        assertEquals(List.of("timestamp", "metric", "location", "device"), upsertKeys("same_fast"));
        assertEquals(upsertKeys("same_json"), upsertKeys("same_fast"));
        String rows = "select * from %s order by seq";
        assertEquals(db.query(String.format(rows, "same_json")), db.query(String.format(rows, "same_fast")));
        Map<String, Object> row = db.query("select * from same_fast where seq = 7").get(0);
        assertEquals("2023-11-14T22:13:20.007000Z", row.get("timestamp"));
        assertEquals(27.5, ((Number) row.get("value")).doubleValue());
        assertEquals("r7", row.get("tags_room"));
        awaitMetric(fast.name(), "ErrantRecords", 1);
        awaitMetric(fast.name(), "RowsWritten", 50);
        harness.connect().deleteConnector(fast.name());
        harness.connect().deleteConnector(json.name());
    }

    private ConnectorConfigs readingsConfig(String file, String name) {
        String table = name.replace('-', '_');
        return ConnectorConfigs.load(file).named(name).with(Map.of("client.conf.string", db.ilpHttpConf(), "topics", name,
            "table", table, "errors.deadletterqueue.topic.name", name + "-dlq", "name", name));
    }

    @Test
    void serverTimeStampsRowsAtIngestion() {
        Instant before = Instant.now().minusSeconds(5);
        startConnector("servertime", config("servertime", "timestamp.source", "server"));
        harness.produce("servertime", null, "{\"v\":1,\"at\":0}");
        harness.produce("servertime", null, "{\"v\":2,\"at\":0}");
        db.awaitRowCount("servertime", 2, ROWS_TIMEOUT);
        Instant after = Instant.now().plusSeconds(5);
        for (Map<String, Object> row : db.query("select v, at, timestamp from servertime")) {
            Instant stamped = Instant.parse(String.valueOf(row.get("timestamp")));
            assertTrue(stamped.isAfter(before) && stamped.isBefore(after), "server time, not a field: " + row);
            assertEquals(0L, ((Number) row.get("at")).longValue(), "fields stay columns");
        }
        harness.connect().deleteConnector("servertime");
    }

    @Test
    void includeKeyWritesPrimitiveAndStructuredKeysAsColumns() {
        startConnector("keyed", config("keyed", "include.key", "true",
            "key.converter", "org.apache.kafka.connect.json.JsonConverter", "key.converter.schemas.enable", "false",
            "symbols", "key_site", "timestamp.source", "kafka"));
        harness.produce("keyed", "{\"site\":\"s1\",\"id\":5}", "{\"v\":1}");
        harness.produce("keyed", "\"dev-7\"", "{\"v\":2}");
        db.awaitRowCount("keyed", 2, ROWS_TIMEOUT);
        Map<String, String> types = db.columnTypes("keyed");
        assertEquals("SYMBOL", types.get("key_site"));
        assertEquals("LONG", types.get("key_id"));
        assertEquals("VARCHAR", types.get("key"));
        List<Map<String, Object>> rows = db.query("select v, key_site, key_id, key from keyed order by v");
        assertEquals("s1", rows.get(0).get("key_site"));
        assertEquals(5L, ((Number) rows.get(0).get("key_id")).longValue());
        assertEquals("dev-7", rows.get(1).get("key"));
        harness.connect().deleteConnector("keyed");
    }
}
