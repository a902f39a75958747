package io.tsconnect.redis;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.apache.kafka.connect.errors.ConnectException;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

import io.tsconnect.common.config.TlsContexts;
import io.tsconnect.redis.config.DeploymentMode;
import io.tsconnect.redis.config.RedisConnectionConfig;

/** Builds the Jedis client for a {@link RedisConnectionConfig}: standalone or cluster, TLS, ACL user, pool. */
public final class RedisClients {
    private static final String CLIENT_NAME = "tsconnect-redis-timeseries-sink";

    private RedisClients() {
    }

    /** A client for {@code config}; a cluster client contacts a seed node at once to learn the slots. */
    public static UnifiedJedis create(RedisConnectionConfig config) {
        DefaultJedisClientConfig clientConfig = clientConfig(config);
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.poolSize());
        pool.setMaxIdle(config.poolSize());
        // A pooled connection broken by a server restart is found out when it is used; the batch is retried.
        pool.setTestOnBorrow(false);
        if (config.mode() == DeploymentMode.CLUSTER) {
            Set<HostAndPort> nodes = new LinkedHashSet<>();
            config.hosts().forEach(h -> nodes.add(new HostAndPort(h.host(), h.port())));
            return RedisClusterClient.builder().nodes(nodes).clientConfig(clientConfig).poolConfig(pool).build();
        }
        RedisConnectionConfig.HostPort first = config.hosts().get(0);
        return RedisClient.builder().hostAndPort(first.host(), first.port()).clientConfig(clientConfig)
            .poolConfig(pool).build();
    }

    static DefaultJedisClientConfig clientConfig(RedisConnectionConfig config) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis((int) config.connectTimeout().toMillis())
            .socketTimeoutMillis((int) config.socketTimeout().toMillis())
            .clientName(CLIENT_NAME);
        if (config.mode() == DeploymentMode.STANDALONE) {
            builder.database(config.database());
        }
        if (config.user() != null) {
            builder.user(config.user());
        }
        if (config.password() != null) {
            builder.password(config.password().value());
        }
        if (config.tlsEnabled()) {
            builder.ssl(true).sslSocketFactory(sslContext(config).getSocketFactory());
            if (config.tls().hostnameVerification()) {
                SSLParameters parameters = new SSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                builder.sslParameters(parameters);
            }
        }
        return builder.build();
    }

    private static SSLContext sslContext(RedisConnectionConfig config) {
        try {
            return TlsContexts.sslContext(config.tls());
        } catch (GeneralSecurityException | IOException e) {
            throw new ConnectException("Cannot set up TLS from the redis.tls.* keys: " + e.getMessage(), e);
        }
    }
}
