package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The RedisTimeSeries behaviour the sink relies on, run against the test stand-in and (where Docker exists)
 * against a real Redis 8, so that the stand-in cannot drift from the real server unnoticed.
 */
abstract class TimeSeriesServerContract {
    protected abstract UnifiedJedis client();

    @BeforeEach
    void clean() {
        client().flushAll();
    }

    @Test
    void maddDoesNotCreateKeysAndAnswersPerElement() {
        UnifiedJedis redis = client();
        redis.tsCreate("present", TSCreateParams.createParams().duplicatePolicy(DuplicatePolicy.LAST));
        redis.set("plain", "x");
        List<Object> reply = madd("present", "1", "1.5", "absent", "1", "2", "plain", "1", "3", "present", "2",
            "x");
        assertEquals(1L, reply.get(0));
        assertTrue(((JedisDataException) reply.get(1)).getMessage().contains("TSDB: the key is not a TSDB key"));
        assertTrue(((JedisDataException) reply.get(2)).getMessage().contains("TSDB: the key is not a TSDB key"));
        assertTrue(((JedisDataException) reply.get(3)).getMessage().contains("TSDB: invalid value"));
        assertEquals(0L, redis.exists("absent") ? 1L : 0L);
    }

    @Test
    void blockRejectsDuplicatesAndLastReplaces() {
        UnifiedJedis redis = client();
        redis.tsCreate("block", TSCreateParams.createParams().duplicatePolicy(DuplicatePolicy.BLOCK));
        redis.tsCreate("last", TSCreateParams.createParams().duplicatePolicy(DuplicatePolicy.LAST));
        List<Object> reply = madd("block", "5", "1", "block", "5", "2", "last", "5", "1", "last", "5", "2");
        assertEquals(5L, reply.get(0));
        assertTrue(((JedisDataException) reply.get(1)).getMessage().contains("TSDB: Error at upsert"));
        assertEquals(List.of(new TSElement(5, 1)), redis.tsRange("block", 0, 10));
        assertEquals(List.of(new TSElement(5, 2)), redis.tsRange("last", 0, 10));
    }

    @Test
    void samplesOlderThanRetentionAndNegativeTimestampsAreRejected() {
        UnifiedJedis redis = client();
        redis.tsCreate("kept", TSCreateParams.createParams().retention(1000).duplicatePolicy(DuplicatePolicy.LAST));
        List<Object> reply = madd("kept", "10000", "1", "kept", "8000", "2", "kept", "-1", "3");
        assertEquals(10000L, reply.get(0));
        assertTrue(((JedisDataException) reply.get(1)).getMessage().contains("TSDB: Timestamp is older than retention"));
        assertTrue(((JedisDataException) reply.get(2)).getMessage().contains("TSDB: invalid timestamp"));
    }

    @Test
    void createOnExistingKeyFailsAndLabelsOfAddToExistingKeyAreIgnored() {
        UnifiedJedis redis = client();
        redis.tsCreate("s", TSCreateParams.createParams().label("a", "1"));
        JedisDataException exists = assertThrows(JedisDataException.class, () -> redis.tsCreate("s"));
        assertTrue(exists.getMessage().contains("TSDB: key already exists"), exists.getMessage());
        redis.tsAdd("s", 1, 1.0, TSCreateParams.createParams().label("a", "2").label("b", "3"));
        TSInfo info = redis.tsInfo("s");
        assertEquals(Map.of("a", "1"), info.getLabels());
        JedisDataException badLabels = assertThrows(JedisDataException.class,
            () -> raw(TimeSeriesCommand.CREATE, "t", "LABELS", "a", ""));
        assertTrue(badLabels.getMessage().contains("TSDB: Couldn't parse LABELS"), badLabels.getMessage());
    }

    @Test
    void queryIndexAndMrangeFilterOnLabels() {
        UnifiedJedis redis = client();
        redis.tsCreate("t:1", TSCreateParams.createParams().label("metric", "t").label("room", "1"));
        redis.tsCreate("t:2", TSCreateParams.createParams().label("metric", "t").label("room", "2"));
        redis.tsCreate("h:1", TSCreateParams.createParams().label("metric", "h").label("room", "1"));
        assertEquals(List.of("t:1", "t:2"), sorted(redis.tsQueryIndex("metric=t")));
        assertEquals(List.of("t:2"), redis.tsQueryIndex("metric=t", "room!=1"));
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
        JedisDataException missing = assertThrows(JedisDataException.class, () -> redis.tsInfo("nope"));
        assertTrue(missing.getMessage().contains("TSDB: the key does not exist"), missing.getMessage());
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
        return client().executeCommand(new CommandObject<>(arguments, redis.clients.jedis.BuilderFactory.RAW_OBJECT));
    }

    private static List<String> sorted(List<String> keys) {
        return keys.stream().sorted().toList();
    }
}
