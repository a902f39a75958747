package io.tsconnect.mqtt.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import io.tsconnect.mqtt.Subscription;

/**
 * What one task runs: the connector config plus the subscriptions and client id the connector assigned to it, and
 * the connector's {@code errors.tolerance}, which decides the error path of unparseable messages.
 */
public class MqttSourceTaskConfig extends MqttSourceConfig {
    public static final String TASK_SUBSCRIPTIONS_CONFIG = "task.subscriptions";
    public static final String TASK_CLIENT_ID_CONFIG = "task.client.id";
    public static final String TASK_INDEX_CONFIG = "task.index";
    public static final String CONNECTOR_NAME_CONFIG = "name";
    /** The framework's key, copied from the connector config by the connector. */
    public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";
    public static final String ERRORS_LOG_CONFIG = "errors.log.enable";

    static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
        .define(TASK_SUBSCRIPTIONS_CONFIG, Type.LIST, Importance.HIGH, "Subscriptions of this task (filter;qos=N).")
        .define(TASK_CLIENT_ID_CONFIG, Type.STRING, Importance.HIGH, "MQTT client identifier of this task.")
        .define(TASK_INDEX_CONFIG, Type.INT, 0, Importance.LOW, "Number of this task, for metrics.")
        .define(CONNECTOR_NAME_CONFIG, Type.STRING, "mqtt-source", Importance.LOW, "The connector name.")
        .define(ERRORS_TOLERANCE_CONFIG, Type.STRING, "none", Importance.LOW, "Connect's errors.tolerance.")
        .define(ERRORS_LOG_CONFIG, Type.BOOLEAN, false, Importance.LOW, "Connect's errors.log.enable.");

    public MqttSourceTaskConfig(Map<String, String> props) {
        super(TASK_CONFIG_DEF, props);
    }

    /** The subscriptions assigned to this task, already in their shared form when a group is set. */
    public List<Subscription> taskSubscriptions() {
        return getList(TASK_SUBSCRIPTIONS_CONFIG).stream().map(e -> Subscription.parse(e, QOS_DEFAULT)).toList();
    }

    public int taskIndex() {
        return getInt(TASK_INDEX_CONFIG);
    }

    public String connectorName() {
        return getString(CONNECTOR_NAME_CONFIG);
    }

    public String clientId() {
        return getString(TASK_CLIENT_ID_CONFIG);
    }

    /** Whether {@code errors.tolerance=all}: unparseable messages are skipped or diverted instead of failing. */
    public boolean toleratesErrors() {
        return "all".equalsIgnoreCase(getString(ERRORS_TOLERANCE_CONFIG).trim());
    }

    public boolean logErrors() {
        return getBoolean(ERRORS_LOG_CONFIG);
    }
}
