package io.tsconnect.faults.sinks;

import static io.tsconnect.faults.sinks.BadInput.Case.bad;
import static io.tsconnect.faults.sinks.BadInput.Case.good;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.faults.Teardown;
import io.tsconnect.faults.sinks.BadInput.Case;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;

/**
 * The QuestDB sink fed malformed JSON, wrong and mixed types, nulls, a 5 MB value, odd unicode and names QuestDB
 * forbids: with {@code errors.tolerance=all} every bad record is in the dead letter queue and every good one in
 * the table; without tolerance the task fails, naming topic, partition and offset of the record, within a timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuestDbSinkBadInputIT {
    private static final long T0 = 1_700_000_000_000L;
    private static final int MB = 1024 * 1024;
    private ConnectHarness harness;
    private EmbeddedQuestDb db;

    @BeforeAll
    void start() {
        db = EmbeddedQuestDb.start();
        harness = BadInput.allowLargeRecords(ConnectHarness.builder().name("qdb-bad-input")
            .plugins("questdb-sink-connector")).start();
    }

    @AfterAll
    void stop() throws Exception {
        Teardown.closeAll(harness, db);
    }

    private static String row(int id, String fields) {
        return "{\"id\":" + id + (fields.isEmpty() ? "" : "," + fields) + ",\"ts\":" + (T0 + id) + "}";
    }

    private static List<Case> cases() {
        return List.of(
            good("plain", row(1, "\"v\":1.5,\"s\":\"plain\",\"device\":\"d1\"")),
            good("nulls", row(2, "\"v\":null,\"s\":null,\"device\":null")),
            good("emoji and right-to-left", row(3, "\"s\":\"\uD83D\uDD25 \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627\"")),
            good("NUL character", row(4, "\"s\":\"a\\u0000b\"")),
            good("lone surrogate", row(5, "\"s\":\"x\\ud800y\"")),
            good("forbidden column names", row(6, "\"a.b\":1,\"c-d\":2,\"e\\\"f\":3,\"g/h?\":4")),
            good("integer into the forced DOUBLE column", row(7, "\"v\":7")),
            good("5 MB string", row(8, "\"blob\":\"" + BadInput.letters(5 * MB) + "\"")),
            good("nested objects flattened", row(9, "\"nested\":{\"deep\":{\"x\":1}}")),
            good("boolean into the DOUBLE column: QuestDB casts it", row(10, "\"v\":true")),
            bad("malformed JSON", "{\"id\":20,\"v\":"),
            bad("not UTF-8, not JSON", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1}),
            bad("text into the DOUBLE column", row(21, "\"v\":\"twelve\"")),
            bad("text into the LONG id column", "{\"id\":\"twenty-three\",\"ts\":" + (T0 + 23) + "}"),
            bad("timestamp missing", "{\"id\":24,\"v\":1}"),
            bad("timestamp not a time", "{\"id\":25,\"ts\":\"yesterday\"}"),
            bad("a JSON array, not an object", "[1,2,3]"),
            bad("a bare number", "42"));
    }

    private Map<String, String> config(String topic, String table) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tsconnect.questdb.QuestDbSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("client.conf.string", db.ilpHttpConf());
        config.put("table", table);
        config.put("symbols", "device");
        config.put("doubles", "v");
        config.put("timestamp.source", "field");
        config.put("timestamp.field.name", "ts");
        config.put("timestamp.units", "ms");
        config.put("flush.idle.ms", "100");
        return config;
    }

    private static Map<String, String> tolerant(Map<String, String> config, String dlq) {
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    @Test
    void withToleranceEveryBadRecordIsInTheDlqAndEveryGoodOneLands() {
        db.exec("create table bad_input (id LONG, v DOUBLE, s VARCHAR, device SYMBOL, timestamp TIMESTAMP) "
            + "timestamp(timestamp) partition by day wal");
        List<Case> cases = cases();
        harness.kafka().createTopic("qdb-bad", 1);
        BadInput.produce(harness.bootstrapServers(), "qdb-bad", cases);
        harness.startConnector("qdb-bad", tolerant(config("qdb-bad", "bad_input"), "qdb-bad-dlq"), 1);

        List<Case> goods = cases.stream().filter(Case::good).toList();
        List<Case> bads = cases.stream().filter(c -> !c.good()).toList();
        Await.until("every record in the table or the DLQ", BadInput.TIMEOUT,
            () -> db.rowCount("bad_input") + BadInput.size(harness, "qdb-bad-dlq") >= cases.size(),
            () -> "rows " + ids("bad_input") + ", DLQ " + BadInput.size(harness, "qdb-bad-dlq") + "; "
                + harness.describe("qdb-bad"));
        var dlq = harness.consume("qdb-bad-dlq", (int) BadInput.size(harness, "qdb-bad-dlq"), BadInput.TIMEOUT);
        System.out.printf("FAULTS questdb bad input: %d records, %d landed, %d in the DLQ%n", cases.size(),
            db.rowCount("bad_input"), dlq.size());
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), ids("bad_input"), "exactly the good records landed");
        assertEquals(bads.stream().map(Case::fingerprint).sorted().toList(), BadInput.fingerprints(dlq),
            "exactly the bad records are in the DLQ: " + bads.stream().map(Case::name).toList());
        assertEquals(cases.size(), db.rowCount("bad_input") + dlq.size(), "nothing dropped");

        // QuestDB's /exec writes NUL unescaped into its JSON answer, so the value is checked in SQL.
        assertEquals(3L, ((Number) db.query("select length(s) l from bad_input where id = 4 and s like 'a%b'")
            .get(0).get("l")).longValue(), "NUL kept");
        assertEquals("x?y", text(5, "s"), "a lone surrogate cannot be UTF-8: replaced, the row kept");
        // The REST answer buffer is smaller than 5 MB: the length is checked in SQL.
        assertEquals(5L * MB, ((Number) db.query("select length(blob) l from bad_input where id = 8").get(0)
            .get("l")).longValue());
        assertEquals(1.0, ((Number) db.query("select v from bad_input where id = 10").get(0).get("v")).doubleValue());
        Map<String, Object> nulls = db.query("select v, s, device from bad_input where id = 2").get(0);
        assertTrue(nulls.values().stream().allMatch(v -> v == null), nulls.toString());
        Set<String> columns = db.columnTypes("bad_input").keySet();
        assertTrue(columns.containsAll(Set.of("a_b", "c_d", "e_f", "g_h_", "nested_deep_x")), columns.toString());
        harness.connect().deleteConnector("qdb-bad");
        // KNOWN UPSTREAM DEFECT, pinned so that it stays visible and this test fails once it is fixed: the ILP
        // encoder of questdb-client 1.0.1 writes a character outside the BMP (a surrogate pair such as U+1F525) as
        // "??" (reproduced with the client alone: the same text INSERTed over SQL reads back intact), and the client
        // has no API for raw UTF-8. Hebrew and Arabic arrive intact. Documented in the README (Troubleshooting).
        // When this assertion fails, the client is fixed: expect the emoji itself here.
        assertEquals("?? \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627", text(3, "s"),
            "right-to-left text intact; emoji corrupted by questdb-client 1.0.1 (see comment)");
    }

    @Test
    void tableNamesQuestDbForbidsAreCleanedNotDropped() {
        harness.kafka().createTopic("qdb-names", 1);
        List<String> keys = List.of("a/b?c", "x..y", ".hidden", "tab\tname", "\u00FCber-\u6E29\u5EA6");
        for (int i = 0; i < keys.size(); i++) {
            harness.produce("qdb-names", keys.get(i), row(i, "\"v\":1"));
        }
        harness.startConnector("qdb-names", config("qdb-names", "t_${key}"), 1);
        for (String table : List.of("t_a_b_c", "t_x__y", "t_.hidden", "t_tab_name", "t_\u00FCber-\u6E29\u5EA6")) {
            db.awaitRowCount(table, 1, BadInput.TIMEOUT);
        }
        harness.connect().deleteConnector("qdb-names");
    }

    @Test
    void withoutToleranceAWrongTypeFailsTheTaskNamingTheRecord() {
        harness.kafka().createTopic("qdb-strict", 1);
        List<Long> offsets = BadInput.produce(harness.bootstrapServers(), "qdb-strict", List.of(
            good("first", row(1, "\"v\":1.5")), bad("text into DOUBLE", row(2, "\"v\":\"twelve\"")),
            good("after", row(3, "\"v\":3.5"))));
        db.exec("create table strict (id LONG, v DOUBLE, timestamp TIMESTAMP) timestamp(timestamp) "
            + "partition by day wal");
        harness.connect().configureConnector("qdb-strict", config("qdb-strict", "strict"));
        String trace = harness.awaitTaskFailure("qdb-strict");
        assertTrue(trace.contains("qdb-strict-0@" + offsets.get(1)), "names topic, partition and offset: " + trace);
        // Rows after the bad one may be written before the task stops (their offsets are not committed).
        Await.until("the record before the bad one in the table", BadInput.TIMEOUT, () -> ids("strict").contains(1L));
        assertTrue(!ids("strict").contains(2L), ids("strict").toString());
        harness.connect().deleteConnector("qdb-strict");
    }

    /**
     * Malformed JSON without tolerance, both ways to read JSON. With JsonConverter the framework's converter stage
     * fails the task: its trace ("Tolerance exceeded in error handler" caused by the parse error) names neither
     * partition nor offset - that is Kafka Connect's, not the connector's, and {@code errors.log.enable=true} logs
     * the record's coordinates. With the connector's own JSON reading (value.format=json, ByteArrayConverter) the
     * connector parses and names topic, partition and offset.
     */
    @Test
    void withoutToleranceMalformedJsonFailsTheTask() {
        harness.kafka().createTopic("qdb-strict-json", 1);
        List<Long> offsets = BadInput.produce(harness.bootstrapServers(), "qdb-strict-json", List.of(
            good("first", row(1, "\"v\":1.5")), bad("malformed JSON", "{\"id\":2,\"v\":")));
        harness.connect().configureConnector("qdb-strict-json", config("qdb-strict-json", "strict_json"));
        String converterTrace = harness.awaitTaskFailure("qdb-strict-json");
        System.out.println("FAULTS questdb malformed JSON, JsonConverter, no tolerance: " + firstLines(converterTrace));
        assertTrue(converterTrace.contains("Tolerance exceeded in error handler")
            && converterTrace.contains("JsonEOFException"), converterTrace);
        harness.connect().deleteConnector("qdb-strict-json");

        Map<String, String> fast = config("qdb-strict-json", "strict_json_fast");
        fast.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        fast.put("value.format", "json");
        harness.connect().configureConnector("qdb-strict-json-fast", fast);
        String trace = harness.awaitTaskFailure("qdb-strict-json-fast");
        System.out.println("FAULTS questdb malformed JSON, value.format=json, no tolerance: " + firstLines(trace));
        assertTrue(trace.contains("qdb-strict-json-0@" + offsets.get(1)), "names topic, partition and offset: "
            + trace);
        harness.connect().deleteConnector("qdb-strict-json-fast");
    }

    private Set<Long> ids(String table) {
        return db.query("select id from " + table).stream().map(r -> ((Number) r.get("id")).longValue())
            .collect(Collectors.toCollection(TreeSet::new));
    }

    private String text(int id, String column) {
        return (String) db.query("select " + column + " from bad_input where id = " + id).get(0).get(column);
    }

    static String firstLines(String trace) {
        return trace.lines().filter(l -> !l.startsWith("\tat ")).limit(4).collect(Collectors.joining(" | "))
            .replace(StandardCharsets.UTF_8.name(), "UTF-8");
    }
}
