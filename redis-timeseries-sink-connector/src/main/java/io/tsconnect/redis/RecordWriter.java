package io.tsconnect.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.redis.config.InvalidValueBehavior;
import io.tsconnect.redis.config.MappingConfig;
import io.tsconnect.redis.config.TombstoneBehavior;

/**
 * Writes a put()'s records: maps each to samples, applies the invalid value and tombstone behaviors, and hands
 * the samples to the {@link SeriesWriter} in record order (a tombstone that deletes a series is applied between
 * the samples before and after it).
 */
public final class RecordWriter {
    private final RecordMapper mapper;
    private final SeriesWriter series;
    private final MappingConfig config;
    private final SinkMetrics metrics;

    public RecordWriter(RecordMapper mapper, SeriesWriter series, MappingConfig config, SinkMetrics metrics) {
        this.mapper = mapper;
        this.series = series;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Writes {@code records}. Nothing is reported here, so that a put() retried after a connection failure does
     * not report a record twice.
     *
     * @return the records that could not be written, with why, to be reported as errant
     * @throws ConnectException when a record's value is invalid and the behavior is fail
     * @throws redis.clients.jedis.exceptions.JedisException on a Redis failure, for the caller to classify
     */
    public Map<SinkRecord, String> write(Collection<SinkRecord> records) {
        Map<SinkRecord, String> failed = new LinkedHashMap<>();
        List<Sample> pending = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            if (RecordMapper.isTombstone(record)) {
                tombstone(record, pending, failed);
                continue;
            }
            try {
                pending.addAll(mapper.map(record));
            } catch (MappingException e) {
                onMappingError(record, e, failed);
            }
        }
        flush(pending, failed);
        return failed;
    }

    private void tombstone(SinkRecord record, List<Sample> pending, Map<SinkRecord, String> failed) {
        if (config.tombstone() == TombstoneBehavior.IGNORE) {
            return;
        }
        String key;
        try {
            key = mapper.deleteKey(record);
        } catch (MappingException e) {
            failed.put(record, "Cannot name the series a tombstone deletes: " + e.getMessage());
            return;
        }
        flush(pending, failed);
        series.delete(key);
    }

    private void flush(List<Sample> pending, Map<SinkRecord, String> failed) {
        if (!pending.isEmpty()) {
            series.write(pending).forEach(failed::putIfAbsent);
            pending.clear();
        }
    }

    private void onMappingError(SinkRecord record, MappingException e, Map<SinkRecord, String> failed) {
        if (e.invalidValue() && config.invalidValue() == InvalidValueBehavior.IGNORE) {
            metrics.recordError();
            return;
        }
        if (e.invalidValue() && config.invalidValue() == InvalidValueBehavior.FAIL) {
            throw new ConnectException("Invalid value in " + where(record) + " (ts.invalid.value.behavior=fail): "
                + e.getMessage());
        }
        failed.put(record, e.getMessage());
    }

    /** Where a record came from, for messages (never its contents). */
    public static String where(SinkRecord record) {
        return "topic " + record.topic() + " partition " + record.kafkaPartition() + " offset "
            + record.kafkaOffset();
    }
}
