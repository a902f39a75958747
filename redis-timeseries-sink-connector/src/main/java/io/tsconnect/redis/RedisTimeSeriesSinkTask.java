package io.tsconnect.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import io.tsconnect.common.Version;
import io.tsconnect.redis.config.DeploymentMode;

/**
 * Writes records to RedisTimeSeries. A put() is written synchronously (pipelined TS.MADD); when Redis is
 * unreachable the task asks Connect to retry the same records after a backoff, so nothing is lost, and
 * {@link #preCommit} only returns offsets of records Redis acknowledged or that were reported as errant.
 */
public class RedisTimeSeriesSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(RedisTimeSeriesSinkTask.class);
    private RedisTimeSeriesSinkConfig config;
    private UnifiedJedis client;
    private RecordWriter writer;
    private SinkMetrics metrics;
    private ErrantRecordReporter reporter;
    private final Map<TopicPartition, OffsetAndMetadata> acknowledged = new HashMap<>();
    private final List<Future<Void>> pendingReports = new ArrayList<>();
    private int failedAttempts;

    @Override
    public String version() {
        return Version.of(RedisTimeSeriesSinkTask.class, "redis-timeseries-sink-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        config = new RedisTimeSeriesSinkConfig(props);
        metrics = SinkMetrics.register(props.getOrDefault("name", "redis-timeseries-sink"),
            props.getOrDefault("task.id", String.valueOf(System.identityHashCode(this))));
        reporter = errantRecordReporter();
        try {
            connect().ping();
        } catch (JedisException e) {
            if (!RedisErrors.isTransient(e)) {
                throw RedisErrors.fatal("Connecting to Redis at " + config.connection().hosts(), e);
            }
            LOG.warn("Redis at {} is not reachable yet ({}); records are retried until it is",
                config.connection().hosts(), e.getMessage());
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<SinkRecord, String> failed;
        try {
            connect();
            failed = writer.write(records);
            failedAttempts = 0;
        } catch (JedisException e) {
            throw retryOrFail(e, records.size());
        }
        report(failed);
        records.forEach(this::acknowledge);
    }

    private RuntimeException retryOrFail(JedisException e, int size) {
        if (!RedisErrors.isTransient(e)) {
            return RedisErrors.fatal("Writing " + size + " records to Redis", e);
        }
        metrics.retry();
        if (!config.retry().mayRetry(failedAttempts)) {
            return new ConnectException("Redis at " + config.connection().hosts() + " still failing after "
                + failedAttempts + " retries (max.retries)", e);
        }
        long backoff = config.retry().backoff().delay(failedAttempts++).toMillis();
        LOG.warn("Writing {} records to Redis failed ({}); retry {} in {} ms", size, e.getMessage(),
            failedAttempts, backoff);
        context.timeout(backoff);
        return new RetriableException("Redis unavailable: " + e.getMessage(), e);
    }

    private void report(Map<SinkRecord, String> failed) {
        for (Map.Entry<SinkRecord, String> e : failed.entrySet()) {
            metrics.recordError();
            String message = RecordWriter.where(e.getKey()) + ": " + e.getValue();
            if (reporter == null) {
                throw new ConnectException("Cannot write the record at " + message + ". Configure errors.tolerance "
                    + "and errors.deadletterqueue.topic.name to route such records to a dead letter queue.");
            }
            LOG.debug("Reporting errant record at {}", message);
            pendingReports.add(reporter.report(e.getKey(), new ConnectException(message)));
        }
    }

    private void acknowledge(SinkRecord record) {
        TopicPartition tp = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        long next = record.originalKafkaOffset() + 1;
        OffsetAndMetadata current = acknowledged.get(tp);
        if (current == null || current.offset() < next) {
            acknowledged.put(tp, new OffsetAndMetadata(next));
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        awaitReports();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        currentOffsets.keySet().forEach(tp -> {
            OffsetAndMetadata offset = acknowledged.get(tp);
            if (offset != null) {
                commit.put(tp, offset);
            }
        });
        return commit;
    }

    /** Errant records count as handled only once the dead letter queue has them. */
    private void awaitReports() {
        try {
            for (Future<Void> f : pendingReports) {
                f.get();
            }
            pendingReports.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for errant records to be reported", e);
        } catch (ExecutionException e) {
            throw new ConnectException("Reporting an errant record failed", e.getCause());
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(acknowledged::remove);
    }

    @Override
    public void stop() {
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the Redis client: {}", e.toString());
            }
            client = null;
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    /** Creates the client and writer on first use, so a cluster that is down at start does not fail the task. */
    private UnifiedJedis connect() {
        if (client == null) {
            client = RedisClients.create(config.connection());
            boolean cluster = config.connection().mode() == DeploymentMode.CLUSTER;
            SeriesWriter series = new SeriesWriter(client, config.series(), new SlotGrouper(cluster), metrics);
            writer = new RecordWriter(new RecordMapper(config.mapping()), series, config.mapping(), metrics);
        }
        return client;
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // Workers older than Kafka 2.6 have no reporter: bad records then fail the task.
            return null;
        }
    }
}
