package io.tsconnect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ProjectPaths;

/**
 * Every connector's Hub archive, unzipped into a plugin.path exactly as a user would, loads on a worker with
 * {@code plugin.discovery=service_load}; each archive is complete; no plugin class lacks a manifest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubArchiveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<HubArchive> archives = new ArrayList<>();
    private ConnectHarness harness;

    @BeforeAll
    void unzipAndStart(@TempDir Path pluginPath) throws IOException {
        String version = System.getProperty("tsconnect.version");
        for (String module : modules()) {
            Path zip = ProjectPaths.hubZip(module, version);
            assertTrue(Files.isRegularFile(zip), "No Hub archive " + zip + ": run 'mvn package' first");
            archives.add(HubArchive.unzip(module, zip, pluginPath.resolve(module)));
        }
        ConnectHarness.Builder builder = ConnectHarness.builder().workers(1);
        archives.forEach(a -> builder.pluginPath(a.root.getParent()));
        harness = builder.start();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyDeclaredConnectorIsListedByTheWorker() throws IOException {
        String listed = harness.restGet("connector-plugins?connectorsOnly=false");
        for (HubArchive archive : archives) {
            Map<String, Set<String>> declared = archive.declaredPlugins();
            assertFalse(declared.isEmpty(), archive.module + " declares no plugin in META-INF/services");
            declared.values().forEach(classes -> classes.forEach(c ->
                assertTrue(listed.contains("\"" + c + "\""), archive.module + ": " + c + " not loaded; worker lists "
                    + listed)));
        }
    }

    @Test
    void noPluginClassLacksItsServiceManifest() throws IOException {
        for (HubArchive archive : archives) {
            Map<String, Set<String>> declared = archive.declaredPlugins();
            archive.pluginClasses().forEach((service, classes) -> classes.forEach(c ->
                assertTrue(declared.getOrDefault(service, Set.of()).contains(c),
                    archive.module + ": " + c + " is a " + service + " but is not in META-INF/services/" + service)));
        }
    }

    @Test
    void archivesHoldManifestLibrariesConfigsAndDocsButNothingConnectProvides() throws IOException {
        for (HubArchive archive : archives) {
            JsonNode manifest = JSON.readTree(archive.root.resolve("manifest.json").toFile());
            for (String field : List.of("name", "version", "title", "description", "owner", "component_types",
                "tags", "features", "license", "documentation_url", "release_date")) {
                assertTrue(manifest.hasNonNull(field), archive.module + " manifest.json lacks " + field);
            }
            assertEquals(System.getProperty("tsconnect.version"), manifest.get("version").asText());
            assertTrue(manifest.at("/features/delivery_guarantee").isArray(), archive.module + " delivery_guarantee");
            assertEquals("tsconnect-" + archive.module + "-" + System.getProperty("tsconnect.version"),
                archive.root.getFileName().toString());
            for (String lib : archive.libNames()) {
                assertFalse(lib.startsWith("kafka-clients") || lib.startsWith("connect-api")
                    || lib.startsWith("connect-runtime") || lib.startsWith("connect-json")
                    || lib.startsWith("connect-transforms") || lib.startsWith("slf4j-api"),
                    archive.module + " ships " + lib + ", which every worker provides");
            }
            assertTrue(Files.isRegularFile(archive.root.resolve("doc/README.md")), archive.module + " doc/README.md");
            assertTrue(Files.isRegularFile(archive.root.resolve("doc/LICENSE")), archive.module + " doc/LICENSE");
            assertTrue(Files.isRegularFile(archive.root.resolve("doc/version.txt")), archive.module + " version.txt");
            assertTrue(Files.isRegularFile(archive.root.resolve("doc/" + archive.module + ".md")),
                archive.module + " config reference in doc/");
            try (var configs = Files.list(archive.root.resolve("etc"))) {
                assertTrue(configs.anyMatch(p -> p.toString().endsWith(".json")), archive.module + " etc/*.json");
            }
        }
    }

    private static List<String> modules() {
        return Arrays.asList(System.getProperty("tsconnect.connector.modules").split(","));
    }
}
