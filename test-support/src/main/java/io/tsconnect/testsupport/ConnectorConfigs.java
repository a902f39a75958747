package io.tsconnect.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a ready-to-POST connector file ({@code {"name": …, "config": {…}}}) from {@code connector-configs/}, so
 * that tests run the very files users post.
 *
 * @param name the connector name
 * @param config the config map, in file order
 */
public record ConnectorConfigs(String name, Map<String, String> config) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Loads {@code connector-configs/<fileName>}. */
    public static ConnectorConfigs load(String fileName) {
        return load(ProjectPaths.connectorConfig(fileName));
    }

    /** Loads a connector file from any path. */
    public static ConnectorConfigs load(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<String, String> config = new LinkedHashMap<>();
            root.required("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            return new ConnectorConfigs(root.required("name").asText(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read connector file " + file, e);
        }
    }

    /** A copy with {@code overrides} applied on top (e.g. test broker addresses); a null value removes a key. */
    public ConnectorConfigs with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(config);
        overrides.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        return new ConnectorConfigs(name, merged);
    }

    /** A copy under another connector name. */
    public ConnectorConfigs named(String newName) {
        return new ConnectorConfigs(newName, config);
    }
}
