package io.tsconnect.questdb;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import io.tsconnect.common.Version;
import io.tsconnect.common.config.TaskConfigs;
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
        return TaskConfigs.numbered(props, maxTasks, QuestDbSinkTask.TASK_ID_CONFIG);
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
