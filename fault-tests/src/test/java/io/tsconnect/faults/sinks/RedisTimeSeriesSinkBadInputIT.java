package io.tsconnect.faults.sinks;

import static io.tsconnect.faults.sinks.BadInput.Case.bad;
import static io.tsconnect.faults.sinks.BadInput.Case.good;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tsconnect.faults.Teardown;
import io.tsconnect.faults.sinks.BadInput.Case;
import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;

/**
 * The RedisTimeSeries sink fed malformed JSON, wrong types, nulls, a 5 MB value, odd unicode and key characters:
 * with {@code errors.tolerance=all} every bad record is in the dead letter queue and every good one is a sample;
 * without tolerance the task fails, naming topic, partition and offset, within a timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisTimeSeriesSinkBadInputIT {
    private static final long T0 = 1_700_000_000_000L;
    private static final String EMOJI_RTL = "\uD83D\uDD25\u05E9\u05DC\u05D5\u05DD";
    private static final String KEY_CHARS = "sp ace\nnew:line*?[]{}\"'\\";
    private ConnectHarness harness;
    private RedisTimeSeriesStandIn redis;

    @BeforeAll
    void start() {
        redis = RedisTimeSeriesStandIn.standalone().start();
        harness = BadInput.allowLargeRecords(ConnectHarness.builder().name("redis-bad-input")
            .plugins("redis-timeseries-sink-connector")).start();
    }

    @AfterAll
    void stop() throws Exception {
        Teardown.closeAll(harness, redis);
    }

    private static String sample(int id, String device, String value) {
        return "{\"device\":" + device + ",\"value\":" + value + ",\"ts\":" + (T0 + id) + "}";
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static List<Case> cases() {
        return List.of(
            good("plain", sample(1, "\"d1\"", "1")),
            good("numeric string", sample(2, "\"d1\"", "\"2\"")),
            good("boolean counts as 1", sample(3, "\"d1\"", "true")),
            good("emoji and right-to-left key", sample(4, json(EMOJI_RTL), "4")),
            good("NUL in the key", sample(5, "\"a\\u0000b\"", "5")),
            good("lone surrogate in the key", sample(6, "\"x\\ud800y\"", "6")),
            good("spaces, newline, glob and quote characters in the key", sample(7, json(KEY_CHARS), "7")),
            good("5 MB unused field", "{\"device\":\"d1\",\"value\":8,\"blob\":\"" + BadInput.letters(5 * 1024 * 1024)
                + "\",\"ts\":" + (T0 + 8) + "}"),
            good("null in an unused field", "{\"device\":\"d1\",\"value\":9,\"other\":null,\"ts\":" + (T0 + 9) + "}"),
            bad("malformed JSON", "{\"device\":\"d1\",\"value\":"),
            bad("not UTF-8, not JSON", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1}),
            bad("value not a number", sample(20, "\"d1\"", "\"hot\"")),
            bad("value null", sample(21, "\"d1\"", "null")),
            bad("value missing", "{\"device\":\"d1\",\"ts\":" + (T0 + 22) + "}"),
            bad("value an object", sample(23, "\"d1\"", "{\"a\":1}")),
            bad("key variable missing", "{\"value\":24,\"ts\":" + (T0 + 24) + "}"),
            bad("label empty", sample(25, "\"\"", "25")),
            bad("timestamp before 1970", "{\"device\":\"d1\",\"value\":26,\"ts\":-5}"),
            bad("timestamp not a time", "{\"device\":\"d1\",\"value\":27,\"ts\":\"yesterday\"}"),
            bad("a JSON array, not an object", "[1,2,3]"));
    }

    private Map<String, String> config(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tsconnect.redis.RedisTimeSeriesSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("redis.hosts", redis.hostPort());
        config.put("ts.key.template", topic + ":${device}");
        config.put("ts.labels", "device");
        config.put("ts.value.field", "value");
        config.put("ts.timestamp.source", "field");
        config.put("ts.timestamp.field", "ts");
        config.put("ts.timestamp.unit", "milliseconds");
        return config;
    }

    @Test
    void withToleranceEveryBadRecordIsInTheDlqAndEveryGoodOneIsASample() {
        List<Case> cases = cases();
        harness.kafka().createTopic("rbad", 1);
        BadInput.produce(harness.bootstrapServers(), "rbad", cases);
        Map<String, String> config = config("rbad");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "rbad-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        harness.startConnector("rbad", config, 1);

        long goods = cases.stream().filter(Case::good).count();
        List<Case> bads = cases.stream().filter(c -> !c.good()).toList();
        Await.until("every record a sample or in the DLQ", BadInput.TIMEOUT,
            () -> samples().values().stream().mapToInt(Map::size).sum() + BadInput.size(harness, "rbad-dlq")
                >= cases.size(),
            () -> samples() + ", DLQ " + BadInput.size(harness, "rbad-dlq") + "; " + harness.describe("rbad"));
        var dlq = harness.consume("rbad-dlq", (int) BadInput.size(harness, "rbad-dlq"), BadInput.TIMEOUT);
        long landed = samples().values().stream().mapToInt(Map::size).sum();
        System.out.printf("FAULTS redis bad input: %d records, %d samples, %d in the DLQ%n", cases.size(), landed,
            dlq.size());
        Map<String, Map<Long, Double>> expected = new TreeMap<>();
        expected.put("rbad:d1", new TreeMap<>(Map.of(T0 + 1, 1.0, T0 + 2, 2.0, T0 + 3, 1.0, T0 + 8, 8.0,
            T0 + 9, 9.0)));
        expected.put("rbad:" + EMOJI_RTL, Map.of(T0 + 4, 4.0));
        expected.put("rbad:a\u0000b", Map.of(T0 + 5, 5.0));
        // A lone surrogate has no UTF-8 form: the client encodes it as '?'; the sample is kept.
        expected.put("rbad:x?y", Map.of(T0 + 6, 6.0));
        expected.put("rbad:" + KEY_CHARS, Map.of(T0 + 7, 7.0));
        assertEquals(expected, samples(), "exactly the good records are samples");
        assertEquals(EMOJI_RTL, redis.series("rbad:" + EMOJI_RTL).labels().get("device"));
        assertEquals(bads.stream().map(Case::fingerprint).sorted().toList(), BadInput.fingerprints(dlq),
            "exactly the bad records are in the DLQ: " + bads.stream().map(Case::name).toList());
        assertEquals(cases.size(), goods + dlq.size(), "nothing dropped");
        harness.connect().deleteConnector("rbad");
    }

    @Test
    void withoutToleranceAValueThatIsNoNumberFailsTheTaskNamingTheRecord() {
        harness.kafka().createTopic("rstrict", 1);
        List<Long> offsets = BadInput.produce(harness.bootstrapServers(), "rstrict", List.of(
            good("first", sample(1, "\"d1\"", "1")), bad("not a number", sample(2, "\"d1\"", "\"hot\""))));
        harness.connect().configureConnector("rstrict", config("rstrict"));
        String trace = harness.awaitTaskFailure("rstrict");
        System.out.println("FAULTS redis wrong type, no tolerance: " + QuestDbSinkBadInputIT.firstLines(trace));
        assertTrue(trace.contains("topic rstrict partition 0 offset " + offsets.get(1)),
            "names topic, partition and offset: " + trace);
        harness.connect().deleteConnector("rstrict");
    }

    @Test
    void withoutToleranceMalformedJsonFailsTheTask() {
        harness.kafka().createTopic("rstrict-json", 1);
        BadInput.produce(harness.bootstrapServers(), "rstrict-json", List.of(bad("malformed", "{\"device\":")));
        harness.connect().configureConnector("rstrict-json", config("rstrict-json"));
        String trace = harness.awaitTaskFailure("rstrict-json");
        // The converter stage is the framework's: its trace names no offset (errors.log.enable=true logs it).
        assertTrue(trace.contains("Tolerance exceeded in error handler") && trace.contains("JsonEOFException"),
            trace);
        harness.connect().deleteConnector("rstrict-json");
    }

    private Map<String, Map<Long, Double>> samples() {
        Map<String, Map<Long, Double>> out = new TreeMap<>();
        for (String key : redis.keys()) {
            if (key.startsWith("rbad:")) {
                out.put(key, redis.series(key).samples());
            }
        }
        return out;
    }
}
