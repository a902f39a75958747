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
import java.util.ArrayList;
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
 * The README's first command, as a user runs it: {@code java -jar quickstart/target/tsconnect-quickstart.jar} started
 * as a process, stopped the way Ctrl-C stops it, and started again on the same data directory. The second run
 * resumes the first (Kafka's topics and offsets, the MQTT session, the tables), and the stores hold every event
 * once: no GitHub event id twice in {@code github_events}, no (timestamp, metric, location, device) twice in
 * {@code device_readings}. Each run shows only the quickstart's own lines and exits within 5 s of "Stopped".
 */
class QuickstartIT {
    private static final Pattern QUESTDB = Pattern.compile("QuestDB console\\s+http://127\\.0\\.0\\.1:(\\d+)");
    /** What the quickstart itself prints: steps, notes, the READY block, progress lines. */
    private static final Pattern OWN_LINE = Pattern.compile("^(\\[ *\\d+\\.\\ds] .*|        .*|READY|  [A-Z].*|"
        + "                    .*|PROGRESS .*|)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void secondRunOnTheSameDataResumesWithEveryEventOnceInTheStores(@TempDir Path data) throws Exception {
        Run first = Run.start(data);
        long firstEvents;
        try {
            first.awaitRows(100, 30);
            assertSecondQuickstartOnTheSameDataIsRefused(data, first);
            firstEvents = count(first.questdbPort, "SELECT count() FROM github_events");
        } finally {
            first.stop();
        }
        assertTrue(first.output.contains("  Data              " + data.toAbsolutePath().normalize()
            + "  (new: kept for the next run; --fresh starts from empty)"), first.log());

        Run second = Run.start(data);
        try {
            assertTrue(second.output.stream().anyMatch(l -> l.contains("(resumed: ")), second.log());
            // Kafka kept its data: the topic already holds the first run's events when the second run starts.
            second.awaitProgressLine();
            assertTrue(second.topicRecords("github-events") >= firstEvents, second.log());
            // The replay serves new events every 10 s: the second run lands some on top of the first run's.
            second.awaitRows(100, firstEvents + 3);
            assertNoDuplicates(second);
            // The alerts loop runs too: its count is part of the progress line, and every connector is RUNNING.
            Await.until("a progress line with the alerts count and every connector RUNNING", Duration.ofSeconds(60),
                () -> second.output.stream().anyMatch(l -> l.startsWith("PROGRESS ")
                    && l.matches(".*\\| alerts published \\d+ \\|.*") && l.endsWith("| all connectors RUNNING")),
                second::log);
        } finally {
            second.stop();
        }
    }

    /**
     * A second quickstart on a running one's directory, even with --fresh, stops at once and deletes nothing: the
     * first keeps landing rows.
     */
    private static void assertSecondQuickstartOnTheSameDataIsRefused(Path data, Run first) throws Exception {
        Process second = Run.command(data, "--fresh").start();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second quickstart did not give up");
        String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, second.exitValue(), out);
        assertTrue(out.contains("Another quickstart (pid " + first.process.pid() + ") is running on "
            + data.toAbsolutePath().normalize()), out);
        long before = count(first.questdbPort, "SELECT count() FROM device_readings");
        first.awaitRows(before + 50, 30);
    }

    private static void assertNoDuplicates(Run run) throws IOException, InterruptedException {
        // One query each, so rows landing meanwhile cannot make the two figures disagree.
        JsonNode events = row(run.questdbPort, "SELECT count(), count_distinct(id) FROM github_events");
        assertEquals(events.get(1).asLong(), events.get(0).asLong(), "each GitHub event id once: " + events);
        JsonNode readings = row(run.questdbPort, "SELECT sum(n), count() FROM (SELECT timestamp, metric, location, "
            + "device, count() n FROM device_readings)");
        assertEquals(readings.get(1).asLong(), readings.get(0).asLong(),
            "each reading (timestamp, metric, location, device) once: rows, distinct keys " + readings);
        assertTrue(readings.get(0).asLong() > 0, readings.toString());
    }

    private static JsonNode row(int port, String sql) throws IOException, InterruptedException {
        return JSON.readTree(body(port, sql)).path("dataset").path(0);
    }

    private static String body(int port, String sql) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exec?query="
            + URLEncoder.encode(sql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long count(int port, String sql) throws IOException, InterruptedException {
        JsonNode row = row(port, sql);
        return row.isArray() && !row.isEmpty() ? row.get(0).asLong() : 0;
    }

    /** One run of the quickstart jar as a process, its output read line by line. */
    private static final class Run {
        final Process process;
        final List<String> output = new CopyOnWriteArrayList<>();
        final Thread reader;
        volatile long stoppedAt;
        int questdbPort;

        private Run(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "quickstart-output");
            reader.start();
        }

        /** Starts the jar on {@code data} with every port free-chosen, and waits for READY. */
        static Run start(Path data) throws Exception {
            Run run = new Run(command(data).start());
            // Up to the READY block's QuestDB line, not READY alone: the reader thread may not have read the block's
            // next lines yet when READY is seen (a CI run failed on the missing port that way).
            Await.until("the quickstart to print READY and QuestDB's port", Duration.ofSeconds(150),
                () -> run.output.contains("READY") && run.output.stream().anyMatch(l -> QUESTDB.matcher(l).find())
                    || !run.process.isAlive(), run::log);
            if (!run.process.isAlive()) {
                run.reader.join(5_000);
                throw new AssertionError("the quickstart exited with " + run.process.exitValue() + ":\n" + run.log());
            }
            run.questdbPort = run.output.stream().map(QUESTDB::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
            return run;
        }

        /** The quickstart jar on {@code data} with every port free-chosen, output and errors together. */
        static ProcessBuilder command(Path data, String... more) {
            Path jar = ProjectPaths.root().resolve("quickstart/target/tsconnect-quickstart.jar");
            assertTrue(Files.isRegularFile(jar), "build the quickstart first: " + jar);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "--data-dir", data.toString(), "--connect-port", "0",
                "--kafka-port", "0", "--mqtt-port", "0", "--questdb-port", "0", "--questdb-pg-port", "0", "--rate",
                "100"));
            command.addAll(List.of(more));
            // Port 0: any free port, so the test never collides with a quickstart a developer is running.
            return new ProcessBuilder(command).redirectErrorStream(true);
        }

        void awaitProgressLine() {
            Await.until("a progress line", Duration.ofSeconds(30),
                () -> output.stream().anyMatch(l -> l.startsWith("PROGRESS ")), this::log);
        }

        /** The records of {@code topic} in the first progress line. */
        long topicRecords(String topic) {
            Pattern records = Pattern.compile("\\| " + Pattern.quote(topic) + " (\\d+) \\|");
            return output.stream().filter(l -> l.startsWith("PROGRESS ")).map(records::matcher).filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1))).findFirst().orElse(-1);
        }

        void awaitRows(long readings, long events) {
            Await.until("at least " + readings + " readings and " + events + " GitHub events in QuestDB",
                Duration.ofSeconds(120), () -> count(questdbPort, "SELECT count() FROM device_readings") >= readings
                    && count(questdbPort, "SELECT count() FROM github_events") >= events, this::log);
        }

        /** SIGTERM (Ctrl-C's path), then the checks every run must pass on its way out. */
        void stop() throws Exception {
            // ProcessHandle leaves the output open (Process.destroy closes it).
            process.toHandle().destroy();
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the quickstart did not stop within 90 s of SIGTERM");
            long exitedAt = System.nanoTime();
            reader.join(5_000);
            assertTrue(stoppedAt > 0, "no 'Stopped' line:\n" + log());
            assertTrue(exitedAt - stoppedAt < TimeUnit.SECONDS.toNanos(5), "the process lived "
                + (exitedAt - stoppedAt) / 1_000_000 + " ms after printing Stopped");
            assertEquals(List.of(), output.stream().filter(l -> !OWN_LINE.matcher(l).matches()).toList(),
                "lines the quickstart did not write itself (they belong in quickstart.log)");
            assertEquals(List.of(), output.stream().filter(l -> l.contains("NOT RUNNING")).toList());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.endsWith("] Stopped")) {
                        stoppedAt = System.nanoTime();
                    }
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }

        String log() {
            return String.join("\n", output);
        }
    }
}
