package io.tsconnect.redis;

import java.util.List;

import org.apache.kafka.connect.errors.ConnectException;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells a transient Redis failure (retry the whole put later, losing nothing) from a permanent one (fail the task
 * with a message that says what to fix).
 */
final class RedisErrors {
    /** Error replies that mean "try again": a restarting, failing-over or resharding server. */
    private static final List<String> TRANSIENT_REPLIES = List.of("LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN",
        "MASTERDOWN", "READONLY", "MOVED", "ASK");

    private RedisErrors() {
    }

    /** True when {@code e} (or a cause) is an authentication or authorisation failure. */
    static boolean isAuthFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof JedisAccessControlException || m.startsWith("WRONGPASS") || m.startsWith("NOAUTH")
                || m.startsWith("NOPERM") || m.contains("invalid password")) {
                return true;
            }
        }
        return false;
    }

    /** True when a TLS handshake failed: wrong trust, missing or refused client certificate, host mismatch. */
    static boolean isTlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    /** True when retrying later can succeed: lost connections, timeouts, a server loading or failing over. */
    static boolean isTransient(JedisException e) {
        if (isAuthFailure(e) || isTlsFailure(e)) {
            return false;
        }
        if (e instanceof JedisConnectionException
            || e instanceof redis.clients.jedis.exceptions.JedisClusterOperationException) {
            return true;
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        return TRANSIENT_REPLIES.stream().anyMatch(m::startsWith);
    }

    /** The task-failing exception for a permanent error, with what to check. */
    static ConnectException fatal(String what, JedisException e) {
        String m = String.valueOf(e.getMessage());
        String hint;
        if (isAuthFailure(e)) {
            hint = "Redis rejected the credentials: check redis.user and redis.password (and the user's ACL "
                + "permissions for TS.* commands)";
        } else if (isTlsFailure(e)) {
            hint = "the TLS handshake failed: check the redis.tls.* trust and client certificate settings and that "
                + "the server certificate names the host";
        } else if (m.contains("unknown command") && m.toUpperCase(java.util.Locale.ROOT).contains("TS.")) {
            hint = "the server has no time series commands: use Redis 8, Redis Stack or a server with the "
                + "RedisTimeSeries module";
        } else if (e instanceof JedisDataException) {
            hint = "Redis refused the command";
        } else {
            hint = "unexpected Redis client failure";
        }
        return new ConnectException(what + " failed: " + hint + " (" + rootMessage(e) + ")", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = message + ": " + t.getMessage();
            }
        }
        return message;
    }
}
