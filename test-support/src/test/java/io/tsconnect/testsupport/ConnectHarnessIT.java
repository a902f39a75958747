package io.tsconnect.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tsconnect.testsupport.plugin.SequenceSourceConnector;
import io.tsconnect.testsupport.plugin.SequenceSourceTask;

/**
 * The harness starts a broker and a worker whose plugin.path holds a plugin packaged as a jar in its own
 * directory, discovered through its ServiceLoader manifest only; a connector from it moves records.
 */
class ConnectHarnessIT {
    @TempDir
    static Path pluginPath;
    private static ConnectHarness harness;

    @BeforeAll
    static void start() throws IOException {
        packagePlugin(pluginPath.resolve("sequence-plugin"));
        harness = ConnectHarness.builder().pluginPath(pluginPath).workers(1).start();
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void packagedPluginIsListedAndMovesRecords() {
        String plugins = harness.restGet("connector-plugins");
        assertTrue(plugins.contains(SequenceSourceConnector.class.getName()), plugins);

        harness.startConnector("sequence", Map.of(
            "connector.class", SequenceSourceConnector.class.getName(),
            "tasks.max", "1",
            "topic", "sequence-out",
            "count", "250",
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter"), 1);

        List<ConsumerRecord<byte[], byte[]>> records = harness.consume("sequence-out", 250, Duration.ofSeconds(60));
        List<String> values = records.stream().map(r -> ConnectHarness.text(r.value())).collect(Collectors.toList());
        assertEquals(250, values.size());
        assertEquals("record-0", values.get(0));
        assertEquals("record-249", values.get(249));
    }

    @Test
    void aKilledProcessWorkerLeavesTheClusterWorking() {
        ProcessWorker worker = harness.startProcessWorker();
        Map<String, String> config = Map.of(
            "connector.class", SequenceSourceConnector.class.getName(),
            "tasks.max", "1",
            "topic", "after-kill",
            "count", "100",
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter");
        harness.startConnector("survivor", config, 1);
        worker.kill();
        assertFalse(worker.isAlive());
        harness.awaitRunning("survivor", 1);
        Await.until("the task on a live worker", Duration.ofSeconds(60),
            () -> !harness.connect().connectorStatus("survivor").tasks().get(0).workerId().equals(worker.workerId()),
            () -> harness.describe("survivor"));
        assertEquals(100, harness.consume("after-kill", 100, Duration.ofSeconds(60)).stream()
            .map(r -> ConnectHarness.text(r.value())).distinct().count());
    }

    @Test
    void validationReportsErrorsPerKey() {
        Map<String, List<String>> errors = harness.validationErrors(SequenceSourceConnector.class.getName(),
            Map.of("connector.class", SequenceSourceConnector.class.getName(), "count", "many"));
        assertTrue(errors.containsKey("topic"), errors.toString());
        assertTrue(errors.containsKey("count"), errors.toString());
        assertFalse(errors.containsKey("tasks.max"), errors.toString());
    }

    /** Writes the tiny plugin's classes and its ServiceLoader manifest into {@code dir}/sequence.jar. */
    private static void packagePlugin(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("sequence.jar")))) {
            for (Class<?> type : List.of(SequenceSourceConnector.class, SequenceSourceTask.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(entry));
                Files.copy(Path.of(System.getProperty("user.dir"), "target", "test-classes", entry), jar);
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector"));
            OutputStream out = jar;
            out.write((SequenceSourceConnector.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
