package io.tsconnect.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A sink that counts its records and drops them: run by the benchmarks to warm up what the worker does for every
 * sink connector alike (Kafka consumer, WorkerSinkTask's conversion and error handling, the converters), so that
 * the connector measured first does not compile the worker's code for the ones after it. On the benchmark
 * JVM's classpath only; not a plugin of the bundle.
 */
public final class DiscardSinkConnector extends SinkConnector {
    /** Records received by every task since the JVM started. */
    static final LongAdder RECEIVED = new LongAdder();

    @Override
    public void start(Map<String, String> props) {
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DiscardTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(Map.of());
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return "benchmark";
    }

    /** Counts and drops. */
    public static final class DiscardTask extends SinkTask {
        @Override
        public String version() {
            return "benchmark";
        }

        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            RECEIVED.add(records.size());
        }

        @Override
        public void stop() {
        }
    }
}
