package io.tsconnect.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.opentest4j.AssertionFailedError;

/**
 * Keeps the committed config reference {@code docs/config/<module>.md} equal to what the connector's
 * {@code ConfigDef} renders. A test calls {@link #assertCurrent}; the build regenerates every file with
 * {@code -Dtsconnect.docs.update=true}.
 */
public final class ConfigDocsCheck {
    private ConfigDocsCheck() {
    }

    /**
     * Fails when {@code docs/config/<module>.md} differs from {@code rendered}; rewrites it instead when the
     * system property {@code tsconnect.docs.update} is true.
     */
    public static void assertCurrent(String module, String rendered) {
        Path file = ProjectPaths.root().resolve("docs").resolve("config").resolve(module + ".md");
        try {
            if (Boolean.getBoolean("tsconnect.docs.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, rendered, StandardCharsets.UTF_8);
                return;
            }
            String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (!committed.equals(rendered)) {
                throw new AssertionFailedError(file + " is stale: regenerate it with "
                    + "'mvn -B verify -DskipITs -Dtsconnect.docs.update=true' and commit it", committed, rendered);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
