package io.tsconnect.redis.config;

import org.apache.kafka.common.config.ConfigDef;

import io.tsconnect.common.config.EnumValues;

/** How the connector reaches Redis: one server (or a proxy) or a Redis Cluster. */
public enum DeploymentMode {
    STANDALONE,CLUSTER;

    public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(DeploymentMode.class);
    public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(DeploymentMode.class);

    /** Parses a config value of key {@code key}; unknown values are rejected. */
    public static DeploymentMode parse(String key, String value) {
        return EnumValues.parse(DeploymentMode.class, key, value);
    }
}
