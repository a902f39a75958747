package io.tsconnect.mqtt.it;

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

import io.tsconnect.testsupport.mqtt.TestPki;

/**
 * An embedded HiveMQ Community Edition broker on free loopback ports, configured for at-least-once tests: a queue
 * of a million messages per client instead of 1000 with silent discard. Optionally requires one user name and
 * password (an embedded extension) and adds a TLS listener.
 *
 * <p>Kept in this module's tests because it needs {@code hivemq-community-edition-embedded}, which test-support
 * must not drag into every module.
 */
public final class HiveMqBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final EmbeddedExtension auth;
    private EmbeddedHiveMQ hivemq;

    private HiveMqBroker(Path dir, int port, int tlsPort, EmbeddedExtension auth) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.auth = auth;
    }

    /** Starts a broker; {@code username} {@code null} allows anonymous clients; {@code pki} adds a TLS listener. */
    public static HiveMqBroker start(String username, String password, TestPki pki, boolean requireClientCert) {
        try {
            Path dir = Files.createTempDirectory("hivemq-");
            Path conf = Files.createDirectories(dir.resolve("conf"));
            int port = freePort();
            int tlsPort = pki == null ? -1 : freePort();
            Files.writeString(conf.resolve("config.xml"), config(port, tlsPort, pki, requireClientCert));
            HiveMqBroker broker = new HiveMqBroker(dir, port, tlsPort,
                username == null ? null : authExtension(username, password));
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("HiveMQ CE did not start", e);
        }
    }

    /** An anonymous broker without TLS. */
    public static HiveMqBroker start() {
        return start(null, null, null, false);
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public String tlsUri() {
        return "ssl://localhost:" + tlsPort;
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

    @Override
    public void close() throws Exception {
        try {
            hivemq.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String config(int port, int tlsPort, TestPki pki, boolean requireClientCert) {
        String tls = pki == null ? "" : """
                <tls-tcp-listener>
                  <port>%d</port>
                  <bind-address>127.0.0.1</bind-address>
                  <tls>
                    <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                    <truststore><path>%s</path><password>%s</password></truststore>
                    <client-authentication-mode>%s</client-authentication-mode>
                  </tls>
                </tls-tcp-listener>
            """.formatted(tlsPort, pki.serverKeystore(), TestPki.PASSWORD, TestPki.PASSWORD, pki.truststore(),
            TestPki.PASSWORD, requireClientCert ? "REQUIRED" : "NONE");
        return """
            <?xml version="1.0"?>
            <hivemq>
              <listeners>
                <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
            %s  </listeners>
              <mqtt>
                <queued-messages><max-queue-size>1000000</max-queue-size><strategy>discard</strategy></queued-messages>
              </mqtt>
              <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
            </hivemq>
            """.formatted(port, tls);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
