package io.tsconnect.redis;

import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;

import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.args.RawableFactory;

/**
 * One sample to write: a series key, a timestamp, a value, the labels the series is created with, and the record
 * it came from (so that a per-sample error reaches the right record).
 *
 * @param key the series key
 * @param timestamp epoch milliseconds, or {@code null} for the server's clock
 * @param value the sample value
 * @param labels the labels of the series, used only when the task creates it
 * @param record the source record
 * @param keyArg the key encoded as a command argument (one per series, shared by its samples)
 */
public record Sample(String key, Long timestamp, double value, Map<String, String> labels, SinkRecord record,
                     Rawable keyArg) {
    public Sample(String key, Long timestamp, double value, Map<String, String> labels, SinkRecord record) {
        this(key, timestamp, value, labels, record, RawableFactory.from(key));
    }

    /** The timestamp argument of TS.MADD. */
    public String timestampArg() {
        return timestamp == null ? "*" : Long.toString(timestamp);
    }
}
