package io.tsconnect.testsupport.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Debian {@code mosquitto} broker started by a test on free loopback ports with its own config file, set up
 * for at-least-once tests: unlimited queued messages per client (mosquitto's default of 1000 drops QoS 1 messages
 * silently when a subscriber falls behind) and persistence, so sessions survive {@link #restart()}.
 *
 * <pre>{@code
 * try (MosquittoBroker broker = MosquittoBroker.builder().user("iot", "secret").start()) {
 *     String uri = broker.uri(); // tcp://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class MosquittoBroker implements AutoCloseable {
    /** Where Debian installs the broker; override with {@code -Dtsconnect.mosquitto=/path}. */
    public static final String EXECUTABLE = System.getProperty("tsconnect.mosquitto", "/usr/sbin/mosquitto");

    private final Builder builder;
    private final Path dir;
    private final int port;
    private final int tlsPort;
    private Process process;

    private MosquittoBroker(Builder builder, Path dir, int port, int tlsPort) {
        this.builder = builder;
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the mosquitto executable is installed, for assumptions. */
    public static boolean available() {
        return Files.isExecutable(Path.of(EXECUTABLE));
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** {@code ssl://localhost:<tls port>}, when TLS was configured. */
    public String tlsUri() {
        if (tlsPort < 0) {
            throw new IllegalStateException("No TLS listener: call Builder.tls(...)");
        }
        return "ssl://localhost:" + tlsPort;
    }

    public int port() {
        return port;
    }

    /** Stops the broker gracefully (SIGTERM: it writes its persistence file) and starts it again on the same ports. */
    public void restart() {
        stop();
        launch();
    }

    /** Stops the broker gracefully; {@link #launch()} brings it back. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Starts the broker process and waits until its ports accept connections. */
    public void launch() {
        try {
            process = new ProcessBuilder(EXECUTABLE, "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!accepts(port) || (tlsPort > 0 && !accepts(tlsPort))) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("mosquitto did not start on port " + port + ": "
                        + Files.readString(log()));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + EXECUTABLE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting mosquitto", e);
        }
    }

    /** The broker's log file. */
    public Path log() {
        return dir.resolve("mosquitto.log");
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Builds and starts a {@link MosquittoBroker}. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private final List<String> extraLines = new ArrayList<>();
        private TestPki pki;
        private boolean requireClientCertificate;

        /** Requires user names and passwords (anonymous access is refused). */
        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** Adds a TLS listener with the server certificate of {@code pki}, optionally requiring client certificates. */
        public Builder tls(TestPki pki, boolean requireClientCertificate) {
            this.pki = pki;
            this.requireClientCertificate = requireClientCertificate;
            return this;
        }

        /** Adds a raw line to mosquitto.conf. */
        public Builder configLine(String line) {
            extraLines.add(line);
            return this;
        }

        /** Writes the config and starts the broker. */
        public MosquittoBroker start() {
            try {
                Path dir = Files.createTempDirectory("mosquitto-");
                int port = freePort();
                int tlsPort = pki == null ? -1 : freePort();
                Files.writeString(dir.resolve("mosquitto.conf"), config(dir, port, tlsPort));
                MosquittoBroker broker = new MosquittoBroker(this, dir, port, tlsPort);
                broker.launch();
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String config(Path dir, int port, int tlsPort) throws IOException {
            List<String> lines = new ArrayList<>(List.of(
                "user " + System.getProperty("user.name"),
                "persistence true",
                "persistence_location " + dir + "/",
                "log_dest stderr",
                "log_type error", "log_type warning", "log_type notice",
                // at-least-once: never drop QoS 1/2 messages queued for a slow or offline subscriber
                "max_queued_messages 0",
                "max_queued_bytes 0",
                "allow_anonymous " + users.isEmpty()));
            if (!users.isEmpty()) {
                Path passwords = dir.resolve("passwords");
                StringBuilder file = new StringBuilder();
                users.forEach((name, password) -> file.append(name).append(':').append(hash(password)).append('\n'));
                Files.writeString(passwords, file.toString());
                lines.add("password_file " + passwords);
            }
            lines.add("listener " + port + " 127.0.0.1");
            if (pki != null) {
                lines.add("listener " + tlsPort + " 127.0.0.1");
                lines.add("cafile " + pki.caPem());
                lines.add("certfile " + pki.serverCertPem());
                lines.add("keyfile " + pki.serverKeyPem());
                lines.add("require_certificate " + requireClientCertificate);
            }
            lines.addAll(extraLines);
            return String.join("\n", lines) + "\n";
        }

        /** mosquitto's "$6$" password hash: SHA-512 over password and salt. */
        private static String hash(String password) {
            try {
                byte[] salt = new byte[12];
                new SecureRandom().nextBytes(salt);
                MessageDigest sha = MessageDigest.getInstance("SHA-512");
                sha.update(password.getBytes(StandardCharsets.UTF_8));
                sha.update(salt);
                Base64.Encoder b64 = Base64.getEncoder();
                return "$6$" + b64.encodeToString(salt) + "$" + b64.encodeToString(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
