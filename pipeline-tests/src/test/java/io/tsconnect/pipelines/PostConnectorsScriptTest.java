package io.tsconnect.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.tsconnect.testsupport.ProjectPaths;

/**
 * The compose stack's one-shot {@code docker/init/post-connectors.sh}, run with {@code sh} and {@code curl}
 * against a local stand-in for Connect's REST API, PUTs exactly the "config" object of every connector file to
 * {@code /connectors/<name>/config}, and exits non-zero when Connect refuses one.
 */
class PostConnectorsScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private volatile int putStatus = 201;
    private HttpServer server;

    @BeforeEach
    void startFakeConnect() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean put = "PUT".equals(exchange.getRequestMethod());
            if (put) {
                received.put(exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(put ? putStatus : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopFakeConnect() {
        server.stop(0);
    }

    @Test
    void putsEveryConnectorFileConfigUnderItsName() throws Exception {
        assertEquals(0, runScript());
        List<Path> files = connectorFiles();
        assertFalse(files.isEmpty());
        assertEquals(files.size(), received.size(), received.keySet().toString());
        for (Path file : files) {
            JsonNode connector = JSON.readTree(file.toFile());
            String path = "/connectors/" + connector.required("name").asText() + "/config";
            assertTrue(received.containsKey(path), "no PUT to " + path + "; got " + received.keySet());
            assertEquals(connector.required("config"), JSON.readTree(received.get(path)), file.toString());
        }
    }

    @Test
    void failsWhenConnectRefusesAConfig() throws Exception {
        putStatus = 400;
        assertEquals(1, runScript());
    }

    private int runScript() throws IOException, InterruptedException {
        Path root = ProjectPaths.root();
        ProcessBuilder builder = new ProcessBuilder("sh", root.resolve("docker/init/post-connectors.sh").toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("CONNECT_URL", "http://127.0.0.1:" + server.getAddress().getPort());
        builder.environment().put("CONFIG_DIR", root.resolve("connector-configs").toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("post-connectors.sh did not finish within 60 s");
        }
        return process.exitValue();
    }

    private static List<Path> connectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(ProjectPaths.root().resolve("connector-configs"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
