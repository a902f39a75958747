package io.tsconnect.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are in the checkout, for tests started by Maven or an IDE. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    /** The checkout root: {@code -Dtsconnect.root}, else the nearest parent holding {@code .mvn/}. */
    public static Path root() {
        String configured = System.getProperty("tsconnect.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve(".mvn")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the tsconnect checkout root; set -Dtsconnect.root");
    }

    /** A file of {@code connector-configs/}. */
    public static Path connectorConfig(String fileName) {
        return root().resolve("connector-configs").resolve(fileName);
    }

    /**
     * The packaged plugin directory of a connector module, {@code <module>/target/plugin}, which holds one folder
     * per plugin as a worker's {@code plugin.path} expects.
     *
     * @throws IllegalStateException when the module was not packaged, saying how to package it
     */
    public static Path pluginPath(String module) {
        Path dir = root().resolve(module).resolve("target").resolve("plugin");
        if (!Files.isDirectory(dir.resolve(module))) {
            throw new IllegalStateException("No packaged plugin at " + dir.resolve(module)
                + ": run 'mvn -B package -DskipTests -pl " + module + " -am' first (integration tests run after "
                + "the package phase, so 'mvn verify' does this)");
        }
        return dir;
    }

    /** The Confluent Hub archive of a connector module. */
    public static Path hubZip(String module, String version) {
        return root().resolve(module).resolve("target").resolve("tsconnect-" + module + "-" + version + ".zip");
    }
}
