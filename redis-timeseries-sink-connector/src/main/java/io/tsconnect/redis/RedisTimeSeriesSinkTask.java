package io.tsconnect.redis;

import java.util.ArrayList;
import java.util.Collection;
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
 * Writes records to RedisTimeSeries through a {@link RedisWriter}: put() buffers the records and returns while
 * sender threads map them and send pipelined TS.MADDs. When Redis is unreachable the task asks Connect to retry
 * after a backoff, nothing being lost, and {@link #preCommit} only returns offsets of records Redis answered or
 * that were reported as errant.
 */
public class RedisTimeSeriesSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(RedisTimeSeriesSinkTask.class);
    private RedisTimeSeriesSinkConfig config;
    private String threadName;
    private UnifiedJedis client;
    private RedisWriter writer;
    private SinkMetrics metrics;
    private ErrantRecordReporter reporter;
    private final List<Future<Void>> pendingReports = new ArrayList<>();

    @Override
    public String version() {
        return Version.of(RedisTimeSeriesSinkTask.class, "redis-timeseries-sink-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        config = new RedisTimeSeriesSinkConfig(props);
        String connector = props.getOrDefault("name", "redis-timeseries-sink");
        String taskId = props.getOrDefault("task.id", String.valueOf(System.identityHashCode(this)));
        metrics = SinkMetrics.register(connector, taskId);
        threadName = "redis-sink-sender-" + connector + "-" + taskId;
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
        try {
            connect();
            writer.write(records);
        } catch (JedisException e) {
            throw backOff(e);
        } catch (RetriableException e) {
            throw backOff(e);
        }
        long due = writer.millisUntilDue();
        if (due >= 0) {
            // Makes Connect call put() again (with no records if none came) to collect the batches in flight.
            context.timeout(due);
        }
    }

    /** Sets the backoff before Connect re-delivers the batch, or gives up after max.retries. */
    private RuntimeException backOff(RuntimeException e) {
        if (e instanceof JedisException j && !RedisErrors.isTransient(j)) {
            return RedisErrors.fatal("Connecting to Redis", j);
        }
        metrics.retry();
        int failures = Math.max(1, writer == null ? 1 : writer.transientFailures());
        if (!config.retry().mayRetry(failures - 1)) {
            return new ConnectException("Redis at " + config.connection().hosts() + " still failing after "
                + (failures - 1) + " retries (max.retries)", e);
        }
        long backoff = config.retry().backoff().delay(failures - 1).toMillis();
        LOG.warn("Writing to Redis failed ({}); {} records kept, retry {} in {} ms", e.getMessage(),
            writer == null ? 0 : writer.buffered(), failures, backoff);
        context.timeout(Math.max(1, backoff));
        return e instanceof RetriableException r ? r : new RetriableException(e.getMessage(), e);
    }

    private void report(SinkRecord record, String why) {
        metrics.recordError();
        String message = RecordWriter.where(record) + ": " + why;
        if (reporter == null) {
            throw new ConnectException("Cannot write the record at " + message + ". Configure errors.tolerance "
                + "and errors.deadletterqueue.topic.name to route such records to a dead letter queue.");
        }
        LOG.debug("Reporting errant record at {}", message);
        pendingReports.add(reporter.report(record, new ConnectException(message)));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (writer == null) {
            return Map.of();
        }
        try {
            writer.flush();
        } catch (RetriableException e) {
            LOG.warn("Writing to Redis before the offset commit failed, committing only answered records: {}",
                e.getMessage());
        } catch (ConnectException e) {
            // Fatal: committableOffsets returns nothing from now on, and the next put() fails the task.
            LOG.error("Writing to Redis before the offset commit failed: {}", e.getMessage());
        }
        awaitReports();
        return writer.committableOffsets(currentOffsets.keySet());
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
        if (writer != null) {
            writer.forget(partitions);
        }
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
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
            List<RecordWriter> writers = new ArrayList<>();
            for (int i = 0; i < SendPipeline.DEPTH; i++) {
                writers.add(new RecordWriter(new RecordMapper(config.mapping()), series, config.mapping(), metrics));
            }
            writer = new RedisWriter(new SendPipeline(writers, threadName), this::report,
                config.series().batchSize() * 10);
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
