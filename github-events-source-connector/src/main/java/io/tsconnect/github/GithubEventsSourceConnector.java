package io.tsconnect.github;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

import io.tsconnect.common.Version;
import io.tsconnect.common.config.ConfigValues;
import io.tsconnect.github.config.GithubEventsSourceConfig;
import io.tsconnect.github.config.GithubEventsTaskConfig;

/**
 * Reads GitHub event streams (the public timeline, repositories, organisations, users, networks) into Kafka
 * without duplicates or gaps across restarts: one source partition per stream, ETag-conditional polling at the
 * interval GitHub asks for, and rate limits honoured. Streams are shared over {@code min(tasks.max, streams)}
 * tasks. With {@code exactly.once.source.support=enabled} on the workers, records and offsets are written
 * atomically.
 */
public final class GithubEventsSourceConnector extends SourceConnector {
    private Map<String, String> props;
    private GithubEventsSourceConfig config;

    @Override
    public String version() {
        return Version.of(GithubEventsSourceConnector.class, "github-events-source-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new GithubEventsSourceConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return GithubEventsSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> streams = config.streams().stream().map(EventStream::name).toList();
        List<List<String>> groups = ConnectorUtils.groupPartitions(streams, Math.min(maxTasks, streams.size()));
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> group : groups) {
            Map<String, String> task = new HashMap<>(props);
            task.put(GithubEventsTaskConfig.TASK_STREAMS_CONFIG, String.join(",", group));
            task.put(GithubEventsTaskConfig.CONNECTOR_NAME_CONFIG, props.getOrDefault("name", "github-events"));
            task.put(GithubEventsTaskConfig.TASK_ID_CONFIG, Integer.toString(configs.size()));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // Nothing to release: tasks own the HTTP clients.
    }

    @Override
    public ConfigDef config() {
        return GithubEventsSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        GithubEventsSourceConfig.validate(ConfigValues.byName(result));
        return result;
    }

    /** Offsets are written with their records in one transaction when the worker enables exactly-once. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Accepts offsets only for streams of the form the connector reads, in the {@link StreamOffset} format; a
     * {@code null} offset resets a stream (it then emits the API's whole window again).
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            Object stream = partition == null ? null : partition.get(EventStream.PARTITION_KEY);
            if (partition == null || partition.size() != 1 || !(stream instanceof String)) {
                throw new ConnectException("A source partition must be {\"" + EventStream.PARTITION_KEY
                    + "\": \"<stream>\"}, got " + partition);
            }
            try {
                EventStream.parse((String) stream);
                StreamOffset.fromMap(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Invalid offset for stream " + stream + ": " + e.getMessage(), e);
            }
        }
        return true;
    }
}
