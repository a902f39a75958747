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
 * Writes batches of records in two steps, so that a sender thread can map one batch while the batch before it is
 * still with Redis: {@link #prepare} maps each record to samples and applies the invalid value and tombstone
 * behaviors; {@link #send} hands the samples to the {@link SeriesWriter} in record order (a tombstone that
 * deletes a series is applied between the samples before and after it).
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
     * A batch mapped: runs of samples, each followed by the series a tombstone deletes (or none), and the records
     * that cannot be written, with why.
     */
    public record Prepared(List<Step> steps, Map<SinkRecord, String> failed) {
    }

    /**
     * Samples to write, then a series to delete.
     *
     * @param samples in record order, their TS.MADD commands built
     * @param deleteKey the series a tombstone deletes after them, or {@code null}
     */
    public record Step(SeriesWriter.Prepared samples, String deleteKey) {
    }

    /** Maps and writes {@code records} (see {@link #prepare} and {@link #send}). */
    public Map<SinkRecord, String> write(Collection<SinkRecord> records) {
        return send(prepare(records));
    }

    /**
     * Maps {@code records}; talks to no server.
     *
     * @throws ConnectException when a record's value is invalid and the behavior is fail
     */
    public Prepared prepare(Collection<SinkRecord> records) {
        Map<SinkRecord, String> failed = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>(1);
        List<Sample> pending = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            try {
                Object value = mapper.value(record);
                if (value == null) {
                    pending = tombstone(record, pending, steps, failed);
                } else {
                    pending.addAll(mapper.map(record, value));
                }
            } catch (MappingException e) {
                onMappingError(record, e, failed);
            }
        }
        steps.add(new Step(series.prepare(pending), null));
        return new Prepared(steps, failed);
    }

    /**
     * Writes a prepared batch. Nothing is reported here, so that a batch retried after a connection failure does
     * not report a record twice.
     *
     * @return the records that could not be written, with why, to be reported as errant
     * @throws redis.clients.jedis.exceptions.JedisException on a Redis failure, for the caller to classify
     */
    public Map<SinkRecord, String> send(Prepared prepared) {
        Map<SinkRecord, String> failed = new LinkedHashMap<>(prepared.failed());
        for (Step step : prepared.steps()) {
            if (!step.samples().samples().isEmpty()) {
                series.write(step.samples()).forEach(failed::putIfAbsent);
            }
            if (step.deleteKey() != null) {
                series.delete(step.deleteKey());
            }
        }
        return failed;
    }

    /** Closes the current run of samples with the tombstone's delete; returns the list for the next run. */
    private List<Sample> tombstone(SinkRecord record, List<Sample> pending, List<Step> steps,
                                   Map<SinkRecord, String> failed) {
        if (config.tombstone() == TombstoneBehavior.IGNORE) {
            return pending;
        }
        try {
            steps.add(new Step(series.prepare(pending), mapper.deleteKey(record)));
        } catch (MappingException e) {
            failed.put(record, "Cannot name the series a tombstone deletes: " + e.getMessage());
            return pending;
        }
        return new ArrayList<>();
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
