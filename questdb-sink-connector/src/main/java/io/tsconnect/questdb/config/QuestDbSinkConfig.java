package io.tsconnect.questdb.config;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.config.RetryConfig;

/**
 * The QuestDB sink's configuration: the connection keys defined here, composed with the fragments
 * {@link MappingConfig}, {@link TimestampConfig}, {@link TableCreationConfig}, {@link FlushConfig} and
 * {@link RetryConfig} into one {@link #CONFIG_DEF}. Per-topic overrides ({@code topic.<topic>.table},
 * {@code …symbols}, {@code …timestamp.field.name}) are read by {@link TopicOverrides}.
 */
public class QuestDbSinkConfig extends AbstractConfig {
    public static final String CLIENT_CONF_CONFIG = "client.conf.string";
    static final String CLIENT_CONF_DOC = "The questdb-client configuration string, e.g. "
        + "'http::addr=localhost:9000;' or 'https::addr=db:9000;username=${env:QDB_USER};password=${env:QDB_PASS};'. "
        + "HTTP is recommended: every flush is acknowledged. 'tcp::' is accepted with a warning: TCP has no "
        + "acknowledgements, so offsets can be committed for rows the server rejected. auto_flush is always "
        + "turned off (the connector decides when to flush); retry_timeout defaults to 0 so that retries "
        + "happen in the connector with retry.backoff.* instead of blocking the task.";
    static final String CLIENT_CONF_DISPLAY = "Client configuration string";

    public static final String TABLE_CONFIG = "table";
    static final String TABLE_DOC = "Target table name, a template with ${topic}, ${partition} and ${key} "
        + "(the record key as text). Characters QuestDB does not allow in table names become '_'.";
    static final String TABLE_DEFAULT = "${topic}";
    static final String TABLE_DISPLAY = "Table";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final MappingConfig mapping = new MappingConfig(this);
    private final TimestampConfig timestamp = new TimestampConfig(this);
    private final TableCreationConfig tableCreation = new TableCreationConfig(this);
    private final FlushConfig flush = new FlushConfig(this);

    public QuestDbSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConfigGroup.of(def, "Connection")
            .define(CLIENT_CONF_CONFIG, Type.PASSWORD, Importance.HIGH, CLIENT_CONF_DOC, Width.LONG,
                CLIENT_CONF_DISPLAY)
            .define(TABLE_CONFIG, Type.STRING, TABLE_DEFAULT, new NonEmptyString(), Importance.HIGH, TABLE_DOC,
                Width.MEDIUM, TABLE_DISPLAY);
        MappingConfig.update(def);
        TimestampConfig.update(def);
        TableCreationConfig.update(def);
        FlushConfig.update(def);
        RetryConfig.update(def, "Retries");
        return def;
    }

    public Password clientConf() {
        return getPassword(CLIENT_CONF_CONFIG);
    }

    /** The table name template. */
    public String table() {
        return getString(TABLE_CONFIG);
    }

    public MappingConfig mapping() {
        return mapping;
    }

    public TimestampConfig timestamp() {
        return timestamp;
    }

    public TableCreationConfig tableCreation() {
        return tableCreation;
    }

    public FlushConfig flush() {
        return flush;
    }

    public RetryConfig retry() {
        return RetryConfig.from(this);
    }

    public TopicOverrides topicOverrides() {
        return TopicOverrides.from(originalsWithPrefix(TopicOverrides.PREFIX), this);
    }
}
