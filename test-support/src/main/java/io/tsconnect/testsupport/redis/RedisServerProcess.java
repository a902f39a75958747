package io.tsconnect.testsupport.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server} (no time series module) started by a test on a free loopback port, for
 * connection-level behaviour: AUTH and ACL users, TLS, restarts. Data and logs live in a directory the test owns;
 * {@link #stop()} ends the process, {@link #start()} starts it again on the same port(s).
 */
public final class RedisServerProcess implements AutoCloseable {
    /** Where Debian installs the server. */
    public static final Path BINARY = Path.of("/usr/bin/redis-server");
    private final Path dir;
    private final List<String> extraArgs = new ArrayList<>();
    private String password;
    private int port;
    private int tlsPort = -1;
    private Process process;

    /**
     * @param dir a directory for the server's data and log
     */
    public RedisServerProcess(Path dir) {
        this.dir = dir;
    }

    /** True when the binary is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Requires this password for the default user. */
    public RedisServerProcess requirePassword(String pass) {
        this.password = pass;
        extraArgs.add("--requirepass");
        extraArgs.add(pass);
        return this;
    }

    /** Adds an ACL user with every permission. */
    public RedisServerProcess aclUser(String user, String pass) {
        extraArgs.addAll(List.of("--user", user, "on", ">" + pass, "~*", "&*", "+@all"));
        return this;
    }

    /**
     * Listens with TLS only, on a free port, with these PEM files.
     *
     * @param requireClientCert whether clients must present a certificate signed by {@code caCert}
     */
    public RedisServerProcess tls(Path cert, Path key, Path caCert, boolean requireClientCert) {
        tlsPort = 0;
        extraArgs.addAll(List.of("--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(),
            "--tls-ca-cert-file", caCert.toString(), "--tls-auth-clients", requireClientCert ? "yes" : "no"));
        return this;
    }

    /** Starts the server (append-only file on, no RDB snapshots) and waits until it accepts connections. */
    public synchronized RedisServerProcess start() {
        try {
            if (port == 0) {
                port = freePort();
                tlsPort = tlsPort == 0 ? freePort() : tlsPort;
            }
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--bind", "127.0.0.1",
                "--port", tlsPort > 0 ? "0" : Integer.toString(port), "--dir", dir.toString(), "--save", "",
                "--appendonly", "yes", "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
            if (tlsPort > 0) {
                command.addAll(List.of("--tls-port", Integer.toString(tlsPort)));
            }
            command.addAll(extraArgs);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.out").toFile()).start();
            awaitListening(Duration.ofSeconds(20));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + BINARY, e);
        }
    }

    /** Stops the server and waits for the process to end. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The port clients connect to (the TLS port when TLS is on). */
    public int port() {
        return tlsPort > 0 ? tlsPort : port;
    }

    /** {@code 127.0.0.1:port}. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    /** The server log, for failure messages. */
    public String log() {
        try {
            Path log = dir.resolve("redis.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            if (tlsPort > 0 ? portOpen(tlsPort) : pong()) {
                return;
            }
            sleep();
        }
        throw new IllegalStateException("redis-server did not start within " + timeout + ": " + log());
    }

    private boolean pong() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            String auth = password == null ? "" : "AUTH " + password + "\r\n";
            out.write((auth + "PING\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[256];
            StringBuilder seen = new StringBuilder();
            int n;
            while (!seen.toString().contains("PONG") && !seen.toString().contains("LOADING")
                && (n = in.read(buf)) > 0) {
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return seen.toString().contains("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
