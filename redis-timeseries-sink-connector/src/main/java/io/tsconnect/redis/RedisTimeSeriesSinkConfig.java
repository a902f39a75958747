package io.tsconnect.redis;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.redis.config.MappingConfig;
import io.tsconnect.redis.config.RedisConnectionConfig;
import io.tsconnect.redis.config.SeriesConfig;

/**
 * The configuration of {@link RedisTimeSeriesSinkConnector}: connection, mapping, series creation and batching,
 * and retries, each a fragment with its own typed view.
 */
public final class RedisTimeSeriesSinkConfig extends AbstractConfig {
    public static final String RETRY_GROUP = "Retries";

    /** Every key of the connector, by group. */
    public static final ConfigDef CONFIG_DEF = configDef();

    private final RedisConnectionConfig connection;
    private final MappingConfig mapping;
    private final SeriesConfig series;
    private final RetryConfig retry;

    public RedisTimeSeriesSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.connection = RedisConnectionConfig.from(this);
        this.mapping = MappingConfig.from(this);
        this.series = SeriesConfig.from(this);
        this.retry = RetryConfig.from(this);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        RedisConnectionConfig.update(def);
        MappingConfig.update(def);
        SeriesConfig.update(def);
        RetryConfig.update(def, RETRY_GROUP);
        return def;
    }

    /** Attaches the cross-field errors of every fragment to {@code values}. */
    public static void validate(List<ConfigValue> values) {
        Map<String, ConfigValue> byName = new java.util.HashMap<>();
        values.forEach(v -> byName.put(v.name(), v));
        RedisConnectionConfig.validate(byName);
        MappingConfig.validate(byName);
        SeriesConfig.validate(byName);
        RetryConfig.validate(byName);
    }

    public RedisConnectionConfig connection() {
        return connection;
    }

    public MappingConfig mapping() {
        return mapping;
    }

    public SeriesConfig series() {
        return series;
    }

    public RetryConfig retry() {
        return retry;
    }
}
