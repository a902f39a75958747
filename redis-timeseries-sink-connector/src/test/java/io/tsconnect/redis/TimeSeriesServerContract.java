package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.timeseries.DuplicatePolicy;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSInfo;
import redis.clients.jedis.timeseries.TimeSeriesProtocol.TimeSeriesCommand;

/**
 * The RedisTimeSeries behaviour the sink (and the tests that use the stand-in) rely on, with the real module's
 * exact error texts: run against the test stand-in always, and against a real server where one is given
 * ({@code -Dredis.url}, or Docker), so that the stand-in cannot drift from the real module unnoticed. The texts
 * were first taken from RedisTimeSeries 8.8.0.
 */
abstract class TimeSeriesServerContract {
    static final String NOT_TSDB_KEY = "ERR TSDB: the key is not a TSDB key";
    static final String UPSERT_BLOCKED = "ERR TSDB: Error at upsert, update is not supported when DUPLICATE_POLICY "
        + "is set to BLOCK mode, or either current or new value is NaN and DUPLICATE_POLICY is MAX/MIN/SUM";
    static final String INVALID_VALUE = "ERR TSDB: invalid value";

    protected abstract UnifiedJedis client();

    @BeforeEach
    void clean() {
        client().flushDB();
    }

    @Test
    void maddDoesNotCreateKeysAndAnswersPerElement() {
        UnifiedJedis redis = client();
        redis.tsCreate("present", TSCreateParams.createParams().duplicatePolicy(DuplicatePolicy.LAST));
        redis.set("plain", "x");
        List<Object> reply = madd("present", "1", "1.5", "absent", "1", "2", "plain", "1", "3", "present", "2",
            "x");
        assertEquals(1L, reply.get(0));
        assertEquals(NOT_TSDB_KEY, error(reply.get(1)));
        assertEquals(NOT_TSDB_KEY, error(reply.get(2)));
        assertEquals(INVALID_VALUE, error(reply.get(3)));
        assertEquals(false, redis.exists("absent"));
    }

    @Test
    void everyDuplicatePolicyResolvesASecondSampleAtATimestamp() {
        UnifiedJedis redis = client();
        Map<DuplicatePolicy, Double> kept = Map.of(DuplicatePolicy.BLOCK, 1.0, DuplicatePolicy.FIRST, 1.0,
            DuplicatePolicy.LAST, 2.0, DuplicatePolicy.MIN, 1.0, DuplicatePolicy.MAX, 2.0, DuplicatePolicy.SUM, 3.0);
        for (DuplicatePolicy policy : DuplicatePolicy.values()) {
            String key = "p:" + policy;
            redis.tsCreate(key, TSCreateParams.createParams().duplicatePolicy(policy));
            List<Object> reply = madd(key, "5", "1", key, "5", "2");
            assertEquals(5L, reply.get(0), key);
            if (policy == DuplicatePolicy.BLOCK) {
                assertEquals(UPSERT_BLOCKED, error(reply.get(1)));
            } else {
                assertEquals(5L, reply.get(1), key);
            }
            assertEquals(List.of(new TSElement(5, kept.get(policy))), redis.tsRange(key, 0, 10), key);
            assertEquals(policy, redis.tsInfo(key).getProperty("duplicatePolicy"), key);
        }
        JedisDataException unknown = assertThrows(JedisDataException.class,
            () -> raw(TimeSeriesCommand.CREATE, "p:x", "DUPLICATE_POLICY", "newest"));
        assertEquals("ERR TSDB: Unknown DUPLICATE_POLICY", unknown.getMessage());
    }

    @Test
    void aSeriesCreatedWithoutAPolicyBlocksDuplicatesAndSaysSo() {
        UnifiedJedis redis = client();
        redis.tsCreate("plain-create");
        List<Object> reply = madd("plain-create", "5", "1", "plain-create", "5", "2");
        assertEquals(UPSERT_BLOCKED, error(reply.get(1)));
        assertEquals(DuplicatePolicy.BLOCK, redis.tsInfo("plain-create").getProperty("duplicatePolicy"));
        assertEquals(5L, raw(TimeSeriesCommand.ADD, "plain-create", "5", "7", "ON_DUPLICATE", "LAST"),
            "ON_DUPLICATE of TS.ADD overrides the series' policy");
        assertEquals(List.of(new TSElement(5, 7)), redis.tsRange("plain-create", 0, 10));
    }

    @Test
    void onlyFiniteDecimalValuesAreAccepted() {
        client().tsCreate("v", TSCreateParams.createParams().duplicatePolicy(DuplicatePolicy.LAST));
        List<Object> reply = madd("v", "1", "inf", "v", "2", "-inf", "v", "3", "1e400", "v", "4", " 1.5", "v", "5",
            "0x10", "v", "6", "1.5abc", "v", "7", "1e3", "v", "8", "-2.5");
        List<Object> errors = new ArrayList<>();
        reply.subList(0, 6).forEach(r -> errors.add(error(r)));
        assertEquals(List.of(INVALID_VALUE, INVALID_VALUE, INVALID_VALUE, INVALID_VALUE, INVALID_VALUE,
            INVALID_VALUE), errors);
        assertEquals(List.of(7L, 8L), reply.subList(6, 8));
        assertEquals(List.of(new TSElement(7, 1000), new TSElement(8, -2.5)), client().tsRange("v", 0, 10));
    }

    @Test
    void samplesOlderThanRetentionAndBadTimestampsAreRejected() {
        UnifiedJedis redis = client();
        redis.tsCreate("kept", TSCreateParams.createParams().retention(1000).duplicatePolicy(DuplicatePolicy.LAST));
        List<Object> reply = madd("kept", "10000", "1", "kept", "8000", "2", "kept", "9000", "3", "kept", "-1", "3",
            "kept", "x", "3");
        assertEquals(10000L, reply.get(0));
        assertEquals("ERR TSDB: Timestamp is older than retention", error(reply.get(1)));
        assertEquals(9000L, reply.get(2), "exactly the retention old is still accepted");
        assertEquals("ERR TSDB: invalid timestamp, must be a nonnegative integer", error(reply.get(3)));
        assertEquals("ERR TSDB: invalid timestamp", error(reply.get(4)));
    }

    @Test
    void createOnExistingKeyFailsAndLabelsOfAddToExistingKeyAreIgnored() {
        UnifiedJedis redis = client();
        redis.tsCreate("s", TSCreateParams.createParams().label("a", "1"));
        JedisDataException exists = assertThrows(JedisDataException.class, () -> redis.tsCreate("s"));
        assertEquals("ERR TSDB: key already exists", exists.getMessage());
        redis.set("str", "x");
        JedisDataException onString = assertThrows(JedisDataException.class, () -> redis.tsCreate("str"));
        assertEquals("ERR TSDB: key already exists", onString.getMessage());
        redis.tsAdd("s", 1, 1.0, TSCreateParams.createParams().label("a", "2").label("b", "3"));
        assertEquals(Map.of("a", "1"), redis.tsInfo("s").getLabels());
        JedisDataException badLabels = assertThrows(JedisDataException.class,
            () -> raw(TimeSeriesCommand.CREATE, "t", "LABELS", "a", ""));
        assertEquals("ERR TSDB: Couldn't parse LABELS", badLabels.getMessage());
    }

    @Test
    void createRejectsBadParametersWithTheModulesTexts() {
        assertEquals("ERR TSDB: CHUNK_SIZE value must be a multiple of 8 in the range [48 .. 1048576]",
            assertThrows(JedisDataException.class, () -> raw(TimeSeriesCommand.CREATE, "c", "CHUNK_SIZE", "50"))
                .getMessage());
        assertEquals("ERR TSDB: unknown ENCODING parameter", assertThrows(JedisDataException.class,
            () -> raw(TimeSeriesCommand.CREATE, "c", "ENCODING", "zip")).getMessage());
        assertEquals("TSDB: Couldn't parse RETENTION", assertThrows(JedisDataException.class,
            () -> raw(TimeSeriesCommand.CREATE, "c", "RETENTION", "-5")).getMessage());
        assertEquals("OK", raw(TimeSeriesCommand.CREATE, "c", "CHUNK_SIZE", "48"));
    }

    @Test
    void alterReplacesLabelsAndAnswersForMissingOrForeignKeys() {
        UnifiedJedis redis = client();
        redis.tsCreate("a", TSCreateParams.createParams().label("x", "1").label("y", "2"));
        assertEquals("OK", raw(TimeSeriesCommand.ALTER, "a", "LABELS", "z", "3"));
        assertEquals(Map.of("z", "3"), redis.tsInfo("a").getLabels());
        assertEquals("ERR TSDB: the key does not exist", assertThrows(JedisDataException.class,
            () -> raw(TimeSeriesCommand.ALTER, "nope", "LABELS", "z", "3")).getMessage());
        redis.set("str", "x");
        assertEquals("ERR WRONGTYPE Operation against a key holding the wrong kind of value",
            assertThrows(JedisDataException.class, () -> redis.tsInfo("str")).getMessage());
    }

    @Test
    void queryIndexAndMrangeFilterOnLabels() {
        UnifiedJedis redis = client();
        redis.tsCreate("t:1", TSCreateParams.createParams().label("metric", "t").label("room", "1"));
        redis.tsCreate("t:2", TSCreateParams.createParams().label("metric", "t").label("room", "2"));
        redis.tsCreate("h:1", TSCreateParams.createParams().label("metric", "h").label("room", "1"));
        assertEquals(List.of("t:1", "t:2"), sorted(redis.tsQueryIndex("metric=t")));
        assertEquals(List.of("t:2"), redis.tsQueryIndex("metric=t", "room!=1"));
        assertEquals("ERR TSDB: please provide at least one matcher", assertThrows(JedisDataException.class,
            () -> redis.tsQueryIndex("room!=1")).getMessage());
        redis.tsAdd("t:2", 7, 3.5);
        assertEquals(List.of(new TSElement(7, 3.5)),
            redis.tsMRange(0, 100, "metric=t", "room=2").get("t:2").getElements());
    }

    @Test
    void infoReportsCreateParameters() {
        UnifiedJedis redis = client();
        redis.tsCreate("p", TSCreateParams.createParams().retention(60000).duplicatePolicy(DuplicatePolicy.SUM)
            .chunkSize(128).uncompressed().label("x", "y"));
        TSInfo info = redis.tsInfo("p");
        assertEquals(60000L, info.getProperty("retentionTime"));
        assertEquals(128L, info.getProperty("chunkSize"));
        assertEquals("uncompressed", info.getProperty("chunkType"));
        assertEquals(DuplicatePolicy.SUM, info.getProperty("duplicatePolicy"));
        assertEquals(Map.of("x", "y"), info.getLabels());
        assertEquals(0L, info.getProperty("totalSamples"));
        JedisDataException missing = assertThrows(JedisDataException.class, () -> redis.tsInfo("nope"));
        assertEquals("ERR TSDB: the key does not exist", missing.getMessage());
    }

    @Test
    void ignoreDropsSamplesCloseToTheNewestUnderLast() {
        UnifiedJedis redis = client();
        raw(TimeSeriesCommand.CREATE, "ig", "DUPLICATE_POLICY", "LAST", "IGNORE", "10", "0.5");
        TSInfo info = redis.tsInfo("ig");
        assertEquals(10L, info.getProperty("ignoreMaxTimeDiff"));
        assertEquals(0.5, Double.parseDouble(String.valueOf(info.getProperty("ignoreMaxValDiff"))));
        List<Object> reply = madd("ig", "100", "1", "ig", "105", "1.2", "ig", "106", "2", "ig", "106", "2.1",
            "ig", "200", "2.2");
        assertEquals(List.of(100L, 100L, 106L, 106L, 200L), reply, "an ignored sample answers the newest timestamp");
        assertEquals(List.of(new TSElement(100, 1), new TSElement(106, 2), new TSElement(200, 2.2)),
            redis.tsRange("ig", 0, 1000));
    }

    @Test
    void wrongArityAndUnknownCommandsAreRefusedWhole() {
        assertEquals("ERR wrong number of arguments for 'ts.madd' command", assertThrows(JedisDataException.class,
            () -> raw(TimeSeriesCommand.MADD, "k", "1")).getMessage());
        JedisDataException unknown = assertThrows(JedisDataException.class, () -> client().executeCommand(
            new CommandObject<>(new CommandArguments(() -> "TS.NOPE".getBytes()).add("k"),
                redis.clients.jedis.BuilderFactory.RAW_OBJECT)));
        assertTrue(unknown.getMessage().startsWith("ERR unknown command 'TS.NOPE'"), unknown.getMessage());
    }

    private static String error(Object element) {
        return assertInstanceOf(JedisDataException.class, element, String.valueOf(element)).getMessage();
    }

    private List<Object> madd(String... args) {
        Object reply = raw(TimeSeriesCommand.MADD, args);
        return assertInstanceOf(List.class, reply);
    }

    private Object raw(TimeSeriesCommand command, String... args) {
        CommandArguments arguments = new CommandArguments(command);
        for (String a : args) {
            arguments.add(a);
        }
        Object reply = client().executeCommand(new CommandObject<>(arguments,
            redis.clients.jedis.BuilderFactory.RAW_OBJECT));
        return reply instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : reply;
    }

    private static List<String> sorted(List<String> keys) {
        return keys.stream().sorted().toList();
    }
}
