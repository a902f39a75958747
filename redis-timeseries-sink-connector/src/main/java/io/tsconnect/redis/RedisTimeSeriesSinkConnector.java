package io.tsconnect.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import io.tsconnect.common.Version;

/**
 * Kafka Connect sink writing records to RedisTimeSeries: series keys from a template over record fields, topic,
 * key and headers; labels; series created once per task with retention and duplicate policy; pipelined TS.MADD
 * batches; per-sample errors to the errant record reporter.
 */
public class RedisTimeSeriesSinkConnector extends SinkConnector {
    /** The task config key carrying the task's number, for metrics names. */
    static final String TASK_ID = "task.id";
    private Map<String, String> props;

    @Override
    public String version() {
        return Version.of(RedisTimeSeriesSinkConnector.class, "redis-timeseries-sink-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        // Parse once so that a bad config fails the connector, not each task.
        new RedisTimeSeriesSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RedisTimeSeriesSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TASK_ID, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return RedisTimeSeriesSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        RedisTimeSeriesSinkConfig.validate(config.configValues());
        return config;
    }
}
