package io.tsconnect.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.tsconnect.testsupport.ProjectPaths;

/**
 * CI has no Docker engine, so it checks what it can of {@code docker-compose.yml}: the YAML parses, every service
 * has an image, every mounted path exists (build outputs included: this module builds after them), the Grafana
 * provisioning and dashboards parse, and every host a connector config names is a service of the stack.
 */
class DockerComposeTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOST = Pattern.compile("(?:tcp|ssl|ws|wss|redis|rediss|http|https)://([A-Za-z0-9_.-]+)"
        + "|addr=([A-Za-z0-9_.-]+)");
    private final Path root = ProjectPaths.root();

    @Test
    void everyServiceHasAnImageAndEveryMountedPathExists() throws IOException {
        JsonNode services = YAML.readTree(root.resolve("docker-compose.yml").toFile()).required("services");
        List<String> missing = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            assertTrue(service.getValue().hasNonNull("image"), service.getKey() + " has no image");
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./") && !Files.exists(root.resolve(source))) {
                    missing.add(service.getKey() + ": " + source);
                }
            }
        });
        assertTrue(missing.isEmpty(), "mounted paths that do not exist (run mvn package first): " + missing);
        for (String required : List.of("kafka", "connect", "mosquitto", "redis", "questdb", "grafana",
            "connector-init", "simulator")) {
            assertTrue(services.has(required), "the stack lacks " + required);
        }
    }

    @Test
    void connectorConfigsNameOnlyHostsOfTheStack() throws IOException {
        Set<String> services = new HashSet<>();
        YAML.readTree(root.resolve("docker-compose.yml").toFile()).required("services").fieldNames()
            .forEachRemaining(services::add);
        try (Stream<Path> files = Files.list(root.resolve("connector-configs"))) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                JsonNode config = JSON.readTree(file.toFile()).required("config");
                config.fields().forEachRemaining(e -> {
                    Matcher m = HOST.matcher(e.getValue().asText());
                    while (m.find()) {
                        String host = m.group(1) != null ? m.group(1) : m.group(2);
                        if (!host.equals("api.github.com")) {
                            assertTrue(services.contains(host), file.getFileName() + " " + e.getKey() + " names host "
                                + host + ", which is not a service of docker-compose.yml " + services);
                        }
                    }
                });
            }
        }
    }

    @Test
    void grafanaProvisioningAndDashboardsParse() throws IOException {
        JsonNode datasources = YAML.readTree(root.resolve("docker/grafana/provisioning/datasources/datasources.yml")
            .toFile());
        Set<String> uids = new HashSet<>();
        datasources.required("datasources").forEach(ds -> uids.add(ds.required("uid").asText()));
        assertEquals(Set.of("questdb", "redis"), uids);
        try (Stream<Path> dashboards = Files.list(root.resolve("docker/grafana/dashboards"))) {
            List<Path> files = dashboards.toList();
            assertFalse(files.isEmpty());
            for (Path file : files) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                assertFalse(dashboard.required("panels").isEmpty(), file + " has no panels");
                dashboard.required("panels").forEach(panel -> assertTrue(
                    uids.contains(panel.at("/datasource/uid").asText()), file + " panel " + panel.path("title")
                        + " uses an unknown datasource"));
            }
        }
    }
}
