package io.tsconnect.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A distributed Connect worker of a {@link ConnectHarness} cluster running in a JVM of its own
 * ({@code org.apache.kafka.connect.cli.ConnectDistributed}, the worker users run), so that a test can kill it
 * with SIGKILL mid-stream: no graceful task stop, no offset flush, no MQTT disconnect — what a machine crash does.
 */
public final class ProcessWorker implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Process process;
    private final URI restUrl;
    private final Path log;

    private ProcessWorker(Process process, URI restUrl, Path log) {
        this.process = process;
        this.restUrl = restUrl;
        this.log = log;
    }

    static ProcessWorker start(ConnectHarness harness) {
        return start(harness, Map.of());
    }

    /**
     * Starts a worker process with {@code env} added to its environment (what {@code ${env:NAME}} config
     * references resolve against; the test JVM's own environment cannot be changed).
     */
    static ProcessWorker start(ConnectHarness harness, Map<String, String> env) {
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("tsconnect-worker");
            Properties props = new Properties();
            props.putAll(harness.workerProps());
            props.put("bootstrap.servers", harness.bootstrapServers());
            props.put("listeners", "http://127.0.0.1:" + port);
            props.put("rest.advertised.host.name", "127.0.0.1");
            props.put("rest.advertised.port", String.valueOf(port));
            Path config = dir.resolve("worker.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "tsconnect ProcessWorker");
            }
            Path log = dir.resolve("worker.log");
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path")));
            for (String key : List.of("tsconnect.log.level", "tsconnect.log.level.ours")) {
                if (System.getProperty(key) != null) {
                    command.add("-D" + key + "=" + System.getProperty(key));
                }
            }
            command.add("org.apache.kafka.connect.cli.ConnectDistributed");
            command.add(config.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            ProcessWorker worker = new ProcessWorker(process, URI.create("http://127.0.0.1:" + port + "/"), log);
            worker.awaitRest();
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a worker process", e);
        }
    }

    /** The worker's REST URL, e.g. {@code http://127.0.0.1:40123/}. */
    public URI restUrl() {
        return restUrl;
    }

    /** The {@code worker_id} Connect reports for tasks on this worker ({@code host:port}). */
    public String workerId() {
        return restUrl.getHost() + ":" + restUrl.getPort();
    }

    /** Kills the worker with SIGKILL and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The worker's output, for failure messages. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void awaitRest() {
        Await.until("worker process REST at " + restUrl, Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("worker process exited: " + Files.readString(log));
            }
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(restUrl.resolve("connectors"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        }, () -> "log " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
