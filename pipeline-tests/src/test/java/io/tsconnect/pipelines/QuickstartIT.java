package io.tsconnect.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tsconnect.testsupport.Await;
import io.tsconnect.testsupport.ProjectPaths;

/**
 * The README's first command, as a user runs it: {@code java -jar quickstart/target/tsconnect-quickstart.jar}
 * started as a process, checked for rows of both pipelines in its QuestDB, and stopped the way Ctrl-C stops it.
 */
class QuickstartIT {
    private static final Pattern QUESTDB = Pattern.compile("QuestDB console\\s+http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quickstartLandsBothPipelinesAndStopsCleanly(@TempDir Path data) throws Exception {
        Path jar = ProjectPaths.root().resolve("quickstart/target/tsconnect-quickstart.jar");
        assertTrue(Files.isRegularFile(jar), "build the quickstart first: " + jar);
        // Port 0: any free port, so the test never collides with a quickstart a developer is running.
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", jar.toString(), "--data-dir", data.toString(), "--connect-port", "0", "--mqtt-port", "0",
            "--questdb-port", "0", "--questdb-pg-port", "0", "--rate", "100")
            .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(process, output));
        reader.start();
        try {
            Await.until("the quickstart to print READY", Duration.ofSeconds(150),
                () -> output.contains("READY") || !process.isAlive(), () -> String.join("\n", output));
            if (!process.isAlive()) {
                reader.join(5_000);
                throw new AssertionError("the quickstart exited with " + process.exitValue() + ":\n"
                    + String.join("\n", output));
            }
            int questdbPort = output.stream().map(QUESTDB::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
            Await.until("rows of both pipelines in the quickstart's QuestDB", Duration.ofSeconds(120),
                () -> count(questdbPort, "device_readings") > 100 && count(questdbPort, "github_events") >= 30,
                () -> String.join("\n", output.subList(Math.max(0, output.size() - 5), output.size())));
        } finally {
            // SIGTERM, as Ctrl-C's shutdown path; ProcessHandle leaves the output open (Process.destroy closes it).
            process.toHandle().destroy();
        }
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the quickstart did not stop within 90 s of SIGTERM");
        reader.join(5_000);
        assertTrue(output.stream().anyMatch(l -> l.contains("Stopped")), String.join("\n", output));
        assertTrue(Files.isDirectory(data.resolve("questdb")), "QuestDB data stays in the named directory");
        assertEquals(List.of(), output.stream().filter(l -> l.contains("NOT RUNNING")).toList());
    }

    private static long count(int port, String table) throws IOException, InterruptedException {
        String sql = URLEncoder.encode("SELECT count() FROM " + table, StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/exec?query=" + sql)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode dataset = JSON.readTree(r.body()).path("dataset");
        return dataset.isArray() && !dataset.isEmpty() ? dataset.get(0).get(0).asLong() : 0;
    }

    private static void readLines(Process process, List<String> output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e + ")");
        }
    }
}
