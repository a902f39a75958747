package io.tsconnect.questdb;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a questdb-client configuration string ({@code schema::key=value;key=value;}) the connector itself
 * needs: the transport, whether auto flush or retry_timeout were set, and the HTTP address and credentials for
 * table creation over {@code /exec}. The client stays the authority on everything else.
 */
public final class ClientConf {
    private final String schema;
    private final Map<String, String> params;

    private ClientConf(String schema, Map<String, String> params) {
        this.schema = schema;
        this.params = params;
    }

    /**
     * Parses {@code conf}; {@code ;;} inside a value is a literal semicolon.
     *
     * @throws IllegalArgumentException when there is no {@code schema::} or a parameter has no {@code =}
     */
    public static ClientConf parse(String conf) {
        int sep = conf.indexOf("::");
        if (sep <= 0) {
            throw new IllegalArgumentException("Expected '<http|https|tcp|tcps>::addr=host:port;...'");
        }
        String schema = conf.substring(0, sep).trim().toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        StringBuilder token = new StringBuilder();
        String rest = conf.substring(sep + 2);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == ';' && i + 1 < rest.length() && rest.charAt(i + 1) == ';') {
                token.append(';');
                i++;
            } else if (c == ';') {
                put(params, token.toString());
                token.setLength(0);
            } else {
                token.append(c);
            }
        }
        put(params, token.toString());
        return new ClientConf(schema, params);
    }

    private static void put(Map<String, String> params, String pair) {
        if (pair.isBlank()) {
            return;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("Parameter without '=' in the client configuration string");
        }
        params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }

    /** http, https, tcp or tcps. */
    public String schema() {
        return schema;
    }

    /** True for ILP over HTTP(S), the only transport that acknowledges writes. */
    public boolean isHttp() {
        return schema.equals("http") || schema.equals("https");
    }

    public boolean isKnownSchema() {
        return isHttp() || schema.equals("tcp") || schema.equals("tcps");
    }

    public boolean has(String key) {
        return params.containsKey(key);
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return params.get(key);
    }

    /** The first {@code addr} as host:port (port 9000 when absent). */
    public String firstAddress() {
        String addr = params.getOrDefault("addr", "localhost:9000").split(",")[0].trim();
        return addr.contains(":") ? addr : addr + ":9000";
    }
}
