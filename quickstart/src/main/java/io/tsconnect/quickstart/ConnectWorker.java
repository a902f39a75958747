package io.tsconnect.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.tsconnect.testsupport.Await;

/**
 * A distributed Connect worker in this JVM, started the way {@code connect-distributed.sh} starts one
 * ({@link ConnectDistributed}), with its config, offset and status topics in {@link KafkaNode}: the connectors, their
 * configs and source offsets survive a restart. Driven through its REST API, as a user drives it.
 */
final class ConnectWorker implements AutoCloseable {
    /** How long a connector may take to run its tasks after a PUT. */
    static final Duration STATE_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Connect<?> connect;
    private final URI rest;

    private ConnectWorker(Connect<?> connect, int port) {
        this.connect = connect;
        this.rest = URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Starts a worker of group {@code tsconnect-quickstart} on {@code restPort}, loading {@code plugins}. */
    static ConnectWorker start(String bootstrapServers, int restPort, List<Path> plugins) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "tsconnect-quickstart");
        props.put("config.storage.topic", "tsconnect-quickstart-configs");
        props.put("offset.storage.topic", "tsconnect-quickstart-offsets");
        props.put("status.storage.topic", "tsconnect-quickstart-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("listeners", "http://127.0.0.1:" + restPort);
        props.put("plugin.path", plugins.stream().map(Path::toString).collect(Collectors.joining(",")));
        props.put("plugin.discovery", "service_load");
        props.put("offset.flush.interval.ms", "5000");
        // After a crash (kill -9) the sinks' consumers of the last run still hold their partitions until their
        // session expires: 10 s instead of 45 s before rows land again.
        props.put("consumer.session.timeout.ms", "10000");
        props.put("consumer.heartbeat.interval.ms", "3000");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("config.providers", "env,file");
        props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        ConnectWorker worker = new ConnectWorker(new ConnectDistributed().startConnect(props), restPort);
        try {
            Await.until("Connect REST at " + worker.rest, STATE_TIMEOUT,
                () -> worker.get("connectors").isArray());
        } catch (RuntimeException | Error e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        return rest.toString().replaceAll("/$", "");
    }

    /**
     * Creates connector {@code name}, or updates its stored config (a resumed run: the addresses of this run's
     * services may differ), keeping its offsets; then waits until it and {@code tasks} tasks run. An update stops
     * the connector first ({@code PUT /connectors/<name>/stop}), so that the tasks awaited are those of the new
     * config rather than the old ones still running.
     */
    void put(String name, Map<String, String> config, int tasks) throws IOException {
        Map<String, String> wanted = new HashMap<>(config);
        wanted.put("name", name);
        JsonNode stored = get("connectors/" + name + "/config");
        if (!stored.isObject() || !wanted.equals(JSON.convertValue(stored, Map.class))) {
            boolean update = stored.isObject();
            if (update) {
                send("PUT", "connectors/" + name + "/stop", null);
                Await.until(name + " STOPPED", STATE_TIMEOUT, () -> "STOPPED".equals(
                    get("connectors/" + name + "/status").path("connector").path("state").asText()));
            }
            send("PUT", "connectors/" + name + "/config", JSON.writeValueAsString(config));
            if (update) {
                send("PUT", "connectors/" + name + "/resume", null);
            }
        }
        Await.until(name + " and " + tasks + " task(s) RUNNING", STATE_TIMEOUT, () -> runningTasks(name) >= tasks,
            () -> get("connectors/" + name + "/status").toString());
    }

    /** How many tasks of {@code name} run while the connector runs; 0 when it is unknown or not running. */
    int runningTasks(String name) {
        JsonNode status = get("connectors/" + name + "/status");
        if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
            return 0;
        }
        int running = 0;
        for (JsonNode task : status.path("tasks")) {
            running += "RUNNING".equals(task.path("state").asText()) ? 1 : 0;
        }
        return running;
    }

    /** The JSON answer of {@code GET resource}; a missing node when there is none (yet). */
    private JsonNode get(String resource) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve(resource))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : MissingNode.getInstance();
        } catch (IOException e) {
            return MissingNode.getInstance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MissingNode.getInstance();
        }
    }

    private void send(String method, String resource, String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(rest.resolve(resource)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(method + " " + resource + " answered " + response.statusCode() + ": "
                    + response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    /** Stops the worker (its tasks stop and commit) and waits until it has. */
    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
