package io.tsconnect.testsupport.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/**
 * An embedded HiveMQ Community Edition broker on loopback, configured for at-least-once delivery: a queue of a
 * million messages per client instead of 1000 with silent discard. Optionally requires one user name and password
 * (an embedded extension), adds a TLS listener and WebSocket listeners (path {@value #WEB_SOCKET_PATH}), listens on a
 * chosen port and keeps its data in a chosen folder.
 *
 * <p>{@code hivemq-community-edition-embedded} is an <em>optional</em> dependency of test-support: a module that
 * uses this class declares it (with {@code logback-classic} excluded), the others never load HiveMQ.
 */
public final class HiveMqBroker implements AutoCloseable {
    /** The HTTP path of the WebSocket listeners. */
    public static final String WEB_SOCKET_PATH = "/mqtt";

    private final Path dir;
    private final Ports ports;
    private final EmbeddedExtension auth;
    private final boolean keepData;
    private EmbeddedHiveMQ hivemq;

    private HiveMqBroker(Path dir, Ports ports, EmbeddedExtension auth, boolean keepData) {
        this.dir = dir;
        this.ports = ports;
        this.auth = auth;
        this.keepData = keepData;
    }

    /** The listener ports; -1 where there is no such listener. */
    private record Ports(int tcp, int tls, int ws, int wss) {
    }

    /** A builder for a broker with a chosen port, data folder or receive maximum. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a broker; {@code username} {@code null} allows anonymous clients; {@code pki} adds a TLS listener. */
    public static HiveMqBroker start(String username, String password, TestPki pki, boolean requireClientCert) {
        Builder builder = builder();
        if (username != null) {
            builder.user(username, password);
        }
        if (pki != null) {
            builder.tls(pki, requireClientCert);
        }
        return builder.start();
    }

    /** An anonymous broker without TLS. */
    public static HiveMqBroker start() {
        return start(null, null, null, false);
    }

    public String uri() {
        return "tcp://127.0.0.1:" + ports.tcp();
    }

    public String tlsUri() {
        return "ssl://localhost:" + listening(ports.tls(), "Builder.tls(...)");
    }

    /** {@code ws://127.0.0.1:<port>/mqtt}, when built with {@link Builder#webSockets()}. */
    public String wsUri() {
        return "ws://127.0.0.1:" + listening(ports.ws(), "Builder.webSockets()") + WEB_SOCKET_PATH;
    }

    /** {@code wss://localhost:<port>/mqtt}, when built with {@link Builder#webSockets()} and TLS. */
    public String wssUri() {
        return "wss://localhost:" + listening(ports.wss(), "Builder.webSockets() and Builder.tls(...)")
            + WEB_SOCKET_PATH;
    }

    public int port() {
        return ports.tcp();
    }

    private static int listening(int port, String howToAdd) {
        if (port < 0) {
            throw new IllegalStateException("No such listener: call " + howToAdd);
        }
        return port;
    }

    /** Starts a broker instance on this broker's folders (an embedded instance cannot start twice). */
    private void launch() throws Exception {
        var builder = EmbeddedHiveMQ.builder().withConfigurationFolder(dir.resolve("conf"))
            .withDataFolder(Files.createDirectories(dir.resolve("data")))
            .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
            .withoutLoggingBootstrap();
        if (auth != null) {
            builder.withEmbeddedExtension(auth);
        }
        hivemq = builder.build();
        hivemq.start().get(60, TimeUnit.SECONDS);
    }

    /** Stops the broker and starts a new instance on the same data folder, which restores persistent sessions. */
    public void restart() throws Exception {
        hivemq.close();
        launch();
    }

    /** Stops the broker, keeping its folders, for an outage of the test's choosing; {@link #resume()} ends it. */
    public void stop() throws Exception {
        hivemq.close();
    }

    /** Starts a stopped broker again on the same ports and data folder (persistent sessions are restored). */
    public void resume() throws Exception {
        launch();
    }

    /** Stops the broker; deletes its folder unless it was given with {@link Builder#dataDir}. */
    @Override
    public void close() throws Exception {
        try {
            hivemq.close();
        } finally {
            if (!keepData) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static String config(Ports ports, TestPki pki, boolean requireClientCert, int receiveMaximum) {
        String tls = pki == null ? "" : """
                  <tls>
                    <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                    <truststore><path>%s</path><password>%s</password></truststore>
                    <client-authentication-mode>%s</client-authentication-mode>
                  </tls>
            """.formatted(pki.serverKeystore(), TestPki.PASSWORD, TestPki.PASSWORD, pki.truststore(),
            TestPki.PASSWORD, requireClientCert ? "REQUIRED" : "NONE");
        String webSocket = "<path>" + WEB_SOCKET_PATH + "</path>\n";
        return """
            <?xml version="1.0"?>
            <hivemq>
              <listeners>
            %s%s%s%s  </listeners>
              <mqtt>
                <queued-messages><max-queue-size>1000000</max-queue-size><strategy>discard</strategy></queued-messages>
            %s  </mqtt>
              <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
            </hivemq>
            """.formatted(listener("tcp-listener", ports.tcp(), ""),
                listener("tls-tcp-listener", ports.tls(), tls),
                listener("websocket-listener", ports.ws(), webSocket),
                listener("tls-websocket-listener", ports.wss(), webSocket + tls),
                receiveMaximum <= 0 ? "" : "    <receive-maximum><server-receive-maximum>"
                + receiveMaximum + "</server-receive-maximum></receive-maximum>\n");
    }

    /** One loopback listener element, or nothing for port -1. */
    private static String listener(String element, int port, String body) {
        return port < 0 ? "" : "    <%s><port>%d</port><bind-address>127.0.0.1</bind-address>\n%s    </%s>\n"
            .formatted(element, port, body, element);
    }

    private static EmbeddedExtension authExtension(String username, String password) {
        SimpleAuthenticator authenticator = (input, output) -> {
            var connect = input.getConnectPacket();
            String user = connect.getUserName().orElse(null);
            String pass = connect.getPassword().map(b -> StandardCharsets.UTF_8.decode(b.duplicate()).toString())
                .orElse(null);
            if (username.equals(user) && password.equals(pass)) {
                output.authenticateSuccessfully();
            } else {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            }
        };
        ExtensionMain main = new ExtensionMain() {
            @Override
            public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
            }

            @Override
            public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
            }
        };
        return EmbeddedExtension.builder().withId("test-auth").withName("test auth").withVersion("1")
            .withExtensionMain(main).build();
    }

    /** Collects a broker's settings. */
    public static final class Builder {
        private String username;
        private String password;
        private TestPki pki;
        private boolean requireClientCert;
        private int port;
        private Path dataDir;
        private int receiveMaximum;
        private boolean webSockets;

        /** Requires this user name and password. */
        public Builder user(String name, String pass) {
            this.username = name;
            this.password = pass;
            return this;
        }

        /** Adds a TLS listener with the server certificate of {@code testPki}. */
        public Builder tls(TestPki testPki, boolean requireClientCertificate) {
            this.pki = testPki;
            this.requireClientCert = requireClientCertificate;
            return this;
        }

        /** Listens on {@code tcpPort} (0, the default: a free port). */
        public Builder port(int tcpPort) {
            this.port = tcpPort;
            return this;
        }

        /** Keeps configuration and data (persistent sessions) in {@code dir}, which outlives the broker. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** HiveMQ's server receive maximum (in-flight QoS 1/2 messages per client; HiveMQ's default is 10). */
        public Builder receiveMaximum(int max) {
            this.receiveMaximum = max;
            return this;
        }

        /**
         * Adds a WebSocket listener, and with {@link #tls} a secure WebSocket listener, both on the path
         * {@link HiveMqBroker#WEB_SOCKET_PATH}.
         */
        public Builder webSockets() {
            this.webSockets = true;
            return this;
        }

        public HiveMqBroker start() {
            try {
                Path dir = dataDir != null ? Files.createDirectories(dataDir)
                    : Files.createTempDirectory("hivemq-");
                Path conf = Files.createDirectories(dir.resolve("conf"));
                Ports ports = new Ports(port > 0 ? port : freePort(), pki == null ? -1 : freePort(),
                    webSockets ? freePort() : -1, webSockets && pki != null ? freePort() : -1);
                Files.writeString(conf.resolve("config.xml"), config(ports, pki, requireClientCert, receiveMaximum));
                HiveMqBroker broker = new HiveMqBroker(dir, ports,
                    username == null ? null : authExtension(username, password), dataDir != null);
                broker.launch();
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("HiveMQ CE did not start", e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
