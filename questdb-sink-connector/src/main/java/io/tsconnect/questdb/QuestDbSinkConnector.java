package io.tsconnect.questdb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import io.tsconnect.common.Version;
import io.tsconnect.questdb.config.QuestDbSinkConfig;
import io.tsconnect.questdb.config.QuestDbSinkValidator;

/**
 * Kafka Connect sink writing records to QuestDB over ILP (HTTP by default) with questdb-client: tables from
 * templates, symbols, designated timestamps from a field, the Kafka timestamp or the server, flattening,
 * DECIMAL / TIMESTAMP_NS / DOUBLE[] columns, optional table creation with dedup, and a DLQ for bad rows.
 */
public class QuestDbSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return Version.of(QuestDbSinkConnector.class, "questdb-sink-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        new QuestDbSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return QuestDbSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(QuestDbSinkTask.TASK_ID_CONFIG, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // Nothing to release: tasks own the connections.
    }

    @Override
    public ConfigDef config() {
        return QuestDbSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        QuestDbSinkValidator.validate(connectorConfigs, config);
        return config;
    }
}
