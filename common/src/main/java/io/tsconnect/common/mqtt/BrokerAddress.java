package io.tsconnect.common.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A broker endpoint from {@code mqtt.server.uris}: {@code tcp://host:1883}, {@code ssl://host:8883},
 * {@code ws://host:80/mqtt} or {@code wss://host:443/mqtt}.
 *
 * @param scheme tcp, ssl, ws or wss
 * @param host the host name or address
 * @param port the port (the scheme's default when the URI has none)
 * @param path the WebSocket path without its leading slash, decoded (sent as {@code /<path>}); empty for tcp and
 *     ssl, and for a WebSocket URI without a path, which requests {@code /}: most brokers serve MQTT on
 *     {@code /mqtt}
 */
public record BrokerAddress(String scheme, String host, int port, String path) {
    private static final List<String> SCHEMES = List.of("tcp", "ssl", "ws", "wss");

    /** Validates a list of URIs, naming the first bad one. */
    public static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> uris = (List<?>) value;
            if (uris == null || uris.isEmpty()) {
                throw new ConfigException(name, value, "At least one broker URI is required");
            }
            for (Object uri : uris) {
                try {
                    parse(String.valueOf(uri));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, uri, e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "URIs of the form tcp://host:port, ssl://host:port, ws://host:port/path or wss://host:port/path";
        }
    };

    /** Parses one URI; {@code mqtt://} and {@code mqtts://} are accepted as tcp and ssl. */
    public static BrokerAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        scheme = switch (scheme) {
            case "mqtt" -> "tcp";
            case "mqtts" -> "ssl";
            default -> scheme;
        };
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("'" + text + "' must start with tcp://, ssl://, ws:// or wss://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // The HiveMQ client re-encodes a query, so it could not be sent as written: refuse it, never drop it.
            throw new IllegalArgumentException("'" + text + "' has a query or fragment, which is not supported");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : defaultPort(scheme);
        // Decoded: the HiveMQ client percent-encodes the path it is given (a raw "%20" would be sent as "%2520").
        String path = scheme.startsWith("ws") && uri.getPath() != null ? stripSlash(uri.getPath()) : "";
        return new BrokerAddress(scheme, uri.getHost(), port, path);
    }

    /** Whether the connection uses TLS. */
    public boolean tls() {
        return scheme.equals("ssl") || scheme.equals("wss");
    }

    /** Whether MQTT runs over WebSocket. */
    public boolean webSocket() {
        return scheme.startsWith("ws");
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port + (path.isEmpty() ? "" : "/" + path);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "ssl" -> 8883;
            case "ws" -> 80;
            case "wss" -> 443;
            default -> 1883;
        };
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
