package io.tsconnect.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Reads a module's version from its filtered {@code <artifactId>-version.properties}.
 *
 * <p>Each module has a resource of its own name, so that several plugins on one classpath (tests, the
 * quickstart) never read each other's file.
 */
public final class Version {
    private Version() {
    }

    /**
     * Returns the {@code version} property of {@code resource}, loaded through {@code anchor}'s class loader.
     *
     * @param anchor a class of the module, so the resource is found in that module's jar
     * @param resource the resource name, e.g. {@code mqtt-source-connector-version.properties}
     * @return the version, or {@code "unknown"} when the file is absent (an IDE build that skipped filtering)
     */
    public static String of(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown").trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
