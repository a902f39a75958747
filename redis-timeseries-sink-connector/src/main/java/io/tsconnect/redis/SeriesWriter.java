package io.tsconnect.redis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

import io.tsconnect.redis.config.SeriesConfig;

/**
 * Writes samples to RedisTimeSeries. Each series is created once per task, with the configured parameters, in
 * the same pipeline as the first TS.MADD that writes it; every TS.MADD of a call is pipelined, and each element
 * of its reply is mapped back to its sample: a series that turned out missing is created and its samples written
 * again once; any other rejected sample is returned as a failure of its record.
 *
 * <p>Connection failures and transient server errors are thrown as Jedis exceptions, for the caller to retry the
 * whole call: with duplicate policy LAST a repeated sample changes nothing.
 */
public final class SeriesWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesWriter.class);
    static final int MAX_KNOWN_SERIES = 1_000_000;
    private final UnifiedJedis client;
    private final SeriesConfig series;
    private final SlotGrouper grouper;
    private final SinkMetrics metrics;
    /**
     * Keys this task created or found existing: no TS.CREATE for them again. Bounded, because a task may see
     * millions of series; a forgotten key only costs one more TS.CREATE answered "key already exists". Shared
     * by the task's sender threads.
     */
    private final Set<String> known = Collections.synchronizedSet(Collections.newSetFromMap(
        new LinkedHashMap<>(1024, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > MAX_KNOWN_SERIES;
            }
        }));

    public SeriesWriter(UnifiedJedis client, SeriesConfig series, SlotGrouper grouper, SinkMetrics metrics) {
        this.client = client;
        this.series = series;
        this.grouper = grouper;
        this.metrics = metrics;
    }

    /**
     * Writes {@code samples} in order.
     *
     * @return the records with a rejected sample, each with the server's reason
     * @throws redis.clients.jedis.exceptions.JedisException on a connection failure or an error of a whole command
     */
    public Map<SinkRecord, String> write(List<Sample> samples) {
        return write(prepare(samples));
    }

    /**
     * Samples cut into TS.MADD batches with their commands built, ahead of the write: a sender thread builds them
     * while the batch before it is still with Redis.
     *
     * @param samples the samples, in order
     * @param batches the samples of each TS.MADD
     * @param madds the TS.MADD of each batch
     */
    public record Prepared(List<Sample> samples, List<List<Sample>> batches, List<CommandObject<List<Object>>> madds) {
    }

    /** Cuts {@code samples} into batches and builds their TS.MADD commands; talks to no server. */
    public Prepared prepare(List<Sample> samples) {
        List<List<Sample>> batches = grouper.batches(samples, series.batchSize());
        List<CommandObject<List<Object>>> madds = new ArrayList<>(batches.size());
        batches.forEach(b -> madds.add(TsCommands.madd(b)));
        return new Prepared(samples, batches, madds);
    }

    /** Writes prepared samples, as {@link #write(List)} does. */
    public Map<SinkRecord, String> write(Prepared prepared) {
        Map<SinkRecord, String> failed = new IdentityHashMap<>();
        List<Sample> samples = prepared.samples();
        if (samples.isEmpty()) {
            return failed;
        }
        List<Sample> missing = attempt(prepared, firstOfUnknownKeys(samples), failed, true);
        if (!missing.isEmpty()) {
            LOG.debug("{} samples hit missing series; creating them and writing again", missing.size());
            Map<String, Sample> creates = new LinkedHashMap<>();
            missing.forEach(s -> {
                known.remove(s.key());
                creates.putIfAbsent(s.key(), s);
            });
            attempt(prepare(missing), creates, failed, false);
        }
        return failed;
    }

    /** Deletes a series (a tombstone); the next sample for it creates it again. */
    public void delete(String key) {
        client.executeCommand(TsCommands.del(key));
        known.remove(key);
    }

    /** Forgets which series exist, e.g. after the server may have lost data. */
    public void forgetSeries() {
        known.clear();
    }

    private Map<String, Sample> firstOfUnknownKeys(List<Sample> samples) {
        Map<String, Sample> firsts = new LinkedHashMap<>();
        for (Sample s : samples) {
            firsts.putIfAbsent(s.key(), s);
        }
        synchronized (known) {
            firsts.keySet().removeIf(known::contains);
        }
        return firsts;
    }

    /** One pipelined round: TS.CREATE of {@code creates}, then TS.MADD of every batch. Returns retryable samples. */
    private List<Sample> attempt(Prepared prepared, Map<String, Sample> creates, Map<SinkRecord, String> failed,
                                 boolean mayRetry) {
        List<List<Sample>> batches = prepared.batches();
        Map<String, Response<String>> createReplies = new LinkedHashMap<>();
        List<Response<List<Object>>> maddReplies = new ArrayList<>(batches.size());
        try (AbstractPipeline pipeline = client.pipelined()) {
            creates.forEach((key, s) -> createReplies.put(key,
                pipeline.executeCommand(TsCommands.create(key, series, s.labels()))));
            prepared.madds().forEach(madd -> maddReplies.add(pipeline.executeCommand(madd)));
            pipeline.sync();
        }
        Map<String, String> createErrors = createOutcomes(createReplies, creates);
        List<Sample> retry = new ArrayList<>();
        long written = 0;
        for (int i = 0; i < batches.size(); i++) {
            List<Object> reply = maddReplies.get(i).get();
            List<Sample> batch = batches.get(i);
            for (int j = 0; j < batch.size(); j++) {
                Object element = reply.get(j);
                Sample s = batch.get(j);
                if (!(element instanceof JedisDataException error)) {
                    written++;
                } else if (createErrors.containsKey(s.key())) {
                    failed.putIfAbsent(s.record(), createErrors.get(s.key()));
                } else if (mayRetry && isMissingSeries(error)) {
                    retry.add(s);
                } else {
                    failed.putIfAbsent(s.record(), "TS.MADD " + s.key() + " " + s.timestampArg() + " " + s.value()
                        + " was rejected: " + error.getMessage());
                }
            }
        }
        metrics.written(written, batches.size());
        return retry;
    }

    /** Marks created or existing series known; returns the reason per key that could not be created. */
    private Map<String, String> createOutcomes(Map<String, Response<String>> replies, Map<String, Sample> creates) {
        Map<String, String> errors = new HashMap<>();
        List<String> existing = new ArrayList<>();
        replies.forEach((key, reply) -> {
            try {
                reply.get();
                known.add(key);
                metrics.created();
            } catch (JedisDataException e) {
                if (String.valueOf(e.getMessage()).contains("key already exists")) {
                    known.add(key);
                    existing.add(key);
                } else {
                    errors.put(key, "TS.CREATE " + key + " was rejected: " + e.getMessage());
                }
            }
        });
        if (series.alterLabels() && !existing.isEmpty()) {
            alterLabels(existing, creates);
        }
        return errors;
    }

    private void alterLabels(List<String> keys, Map<String, Sample> creates) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            List<Response<String>> replies = new ArrayList<>();
            keys.forEach(k -> replies.add(pipeline.executeCommand(TsCommands.alterLabels(k, creates.get(k).labels()))));
            pipeline.sync();
            for (int i = 0; i < keys.size(); i++) {
                try {
                    replies.get(i).get();
                } catch (JedisDataException e) {
                    LOG.warn("TS.ALTER LABELS of series {} was rejected: {}", keys.get(i), e.getMessage());
                }
            }
        }
    }

    /** TS.MADD answers "not a TSDB key" for a key that does not exist (and for one of another type). */
    static boolean isMissingSeries(JedisDataException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("the key is not a TSDB key") || m.contains("the key does not exist");
    }
}
