package io.tsconnect.mqtt;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import io.tsconnect.common.Version;
import io.tsconnect.common.config.ConfigValues;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.config.TlsConfig;
import io.tsconnect.mqtt.config.MqttSourceConfig;
import io.tsconnect.mqtt.config.RecordConfig;
import io.tsconnect.mqtt.config.SparkplugConfig;

/**
 * MQTT 3.1.1/5 source: subscribes to topic filters and writes every message to Kafka, acknowledging QoS 1/2
 * messages to the broker only after Kafka has acknowledged the record (at-least-once end to end).
 *
 * <p>Without a shared subscription group the filters are split over the tasks; with one, every task subscribes to
 * all filters as {@code $share/<group>/<filter>} and the broker balances messages between them.
 */
public class MqttSourceConnector extends SourceConnector {
    private Map<String, String> props;
    private MqttSourceConfig config;

    @Override
    public String version() {
        return Version.of(MqttSourceConnector.class, "mqtt-source-connector-version.properties");
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new MqttSourceConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MqttSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return TaskAssignment.taskConfigs(props, config, props.getOrDefault("name", "mqtt-source"), maxTasks);
    }

    @Override
    public void stop() {
        // Tasks own the MQTT connections; the connector holds nothing.
    }

    @Override
    public ConfigDef config() {
        return MqttSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = ConfigValues.byName(result);
        RecordConfig.validate(values);
        SparkplugConfig.validate(values, MqttSourceConfig.SHARED_GROUP_CONFIG);
        RetryConfig.validate(values);
        TlsConfig.validate(values, MqttSourceConfig.TLS_PREFIX);
        checkTlsUse(values);
        if (!ConfigValues.hasErrors(result.configValues())
            && Boolean.TRUE.equals(values.get(MqttSourceConfig.VALIDATE_CONNECTION_CONFIG).value())) {
            BrokerProbe.check(new MqttSourceConfig(connectorConfigs), values);
        }
        return result;
    }

    /** A client keystore is only used on ssl:// or wss:// endpoints; say so rather than silently ignore it. */
    private static void checkTlsUse(Map<String, ConfigValue> values) {
        Object uris = values.get(MqttSourceConfig.SERVER_URIS_CONFIG).value();
        Object keystore = values.get(MqttSourceConfig.TLS_PREFIX + TlsConfig.KEYSTORE_PATH).value();
        if (uris instanceof List<?> list && keystore instanceof String path && !path.isBlank()
            && list.stream().noneMatch(u -> String.valueOf(u).matches("(?i)\\s*(ssl|wss|mqtts)://.*"))) {
            ConfigValues.addError(values, MqttSourceConfig.TLS_PREFIX + TlsConfig.KEYSTORE_PATH,
                "A client keystore needs an ssl:// or wss:// broker URI");
        }
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }
}
