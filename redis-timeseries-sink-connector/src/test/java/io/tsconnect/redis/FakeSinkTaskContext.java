package io.tsconnect.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A SinkTaskContext recording timeouts and reported records. */
public final class FakeSinkTaskContext implements SinkTaskContext {
    public final List<Throwable> reported = new ArrayList<>();
    final boolean withReporter;
    public long timeout;

    public FakeSinkTaskContext(boolean withReporter) {
        this.withReporter = withReporter;
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
        this.timeout = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.of(new TopicPartition("readings", 0));
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return withReporter ? (record, error) -> {
            reported.add(error);
            return CompletableFuture.completedFuture(null);
        } : null;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }
}
