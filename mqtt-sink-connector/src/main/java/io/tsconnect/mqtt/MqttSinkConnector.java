package io.tsconnect.mqtt;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import io.tsconnect.common.Version;
import io.tsconnect.common.config.TaskConfigs;
import io.tsconnect.common.config.ConfigValues;
import io.tsconnect.mqtt.sink.MqttSinkTask;
import io.tsconnect.mqtt.sink.config.MqttSinkConfig;

/**
 * Kafka Connect sink publishing records to MQTT 3.1.1 or 5 brokers: topics from templates over the record, JSON,
 * raw or single-field payloads, QoS and retain per connector or per record, MQTT 5 properties from headers. A
 * record's offset is committed only once the broker acknowledged its PUBLISH (at-least-once); records that cannot
 * be published go to the dead letter queue.
 */
public class MqttSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return Version.of(MqttSinkConnector.class, "mqtt-sink-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        // Parse once so that a bad config fails the connector, not each task.
        new MqttSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MqttSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return TaskConfigs.numbered(props, maxTasks, MqttSinkTask.TASK_ID_CONFIG);
    }

    @Override
    public void stop() {
        // Tasks own the MQTT connections; the connector holds nothing.
    }

    @Override
    public ConfigDef config() {
        return MqttSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        MqttSinkConfig.validate(ConfigValues.byName(config));
        return config;
    }
}
