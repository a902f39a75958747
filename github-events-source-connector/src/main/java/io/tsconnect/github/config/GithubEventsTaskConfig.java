package io.tsconnect.github.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import io.tsconnect.github.EventStream;

/** A task's configuration: the connector's plus the streams assigned to the task and where to report metrics. */
public final class GithubEventsTaskConfig extends GithubEventsSourceConfig {
    public static final String TASK_STREAMS_CONFIG = "task.streams";
    public static final String CONNECTOR_NAME_CONFIG = "task.connector.name";
    public static final String TASK_ID_CONFIG = "task.id";

    static final ConfigDef TASK_DEF = new ConfigDef(CONFIG_DEF)
        .define(TASK_STREAMS_CONFIG, Type.LIST, Importance.HIGH, "Streams assigned to this task (set by the connector).")
        .define(CONNECTOR_NAME_CONFIG, Type.STRING, "github-events", Importance.LOW, "The connector's name.")
        .define(TASK_ID_CONFIG, Type.INT, 0, Importance.LOW, "The task's number.");

    public GithubEventsTaskConfig(Map<String, String> props) {
        super(TASK_DEF, props);
    }

    /** The streams this task polls. */
    public List<EventStream> taskStreams() {
        return getList(TASK_STREAMS_CONFIG).stream().map(EventStream::parse).toList();
    }

    public String connectorName() {
        return getString(CONNECTOR_NAME_CONFIG);
    }

    public int taskId() {
        return getInt(TASK_ID_CONFIG);
    }
}
