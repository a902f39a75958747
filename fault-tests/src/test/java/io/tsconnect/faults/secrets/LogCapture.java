package io.tsconnect.faults.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Sends every log event of this JVM at DEBUG and above (the Kafka broker, the Connect workers, the connectors in
 * their plugin class loaders, which log through the worker's SLF4J binding) to a file, with stack traces and
 * causes, while it is open. The console appender is detached meanwhile so DEBUG does not flood the test output.
 */
final class LogCapture implements AutoCloseable {
    private static final String NAME = "secrets-capture";
    private final Path file;
    private final Appender appender;
    private final List<Appender> detached = new ArrayList<>();
    private final Level rootLevel;
    private final Level oursLevel;

    LogCapture(Path file) {
        this.file = file;
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = FileAppender.newBuilder().setName(NAME).withFileName(file.toString()).withImmediateFlush(true)
            .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                .withPattern("%d{HH:mm:ss.SSS} %-5level [%t] %c - %msg%n%throwable").build())
            .setConfiguration(config).build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        root.getAppenders().values().forEach(a -> {
            detached.add(a);
            root.removeAppender(a.getName());
        });
        root.addAppender(appender, Level.DEBUG, null);
        rootLevel = root.getLevel();
        LoggerConfig ours = config.getLoggerConfig("io.tsconnect");
        oursLevel = ours.getLevel();
        context.updateLoggers();
        Configurator.setRootLevel(Level.DEBUG);
        Configurator.setLevel("io.tsconnect", Level.DEBUG);
    }

    /** The lines written so far that contain {@code secret}. */
    List<String> linesContaining(String secret) {
        return linesContaining(file, secret);
    }

    static List<String> linesContaining(Path file, String secret) {
        try (Stream<String> lines = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            // ISO-8859-1 reads any byte; the secrets are ASCII.
            return lines.filter(l -> l.contains(secret)).limit(5).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long size() throws IOException {
        return Files.size(file);
    }

    long debugLines() throws IOException {
        try (Stream<String> lines = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(" DEBUG ")).count();
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Configurator.setRootLevel(rootLevel);
        Configurator.setLevel("io.tsconnect", oursLevel);
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(NAME);
        detached.forEach(a -> root.addAppender(a, null, null));
        context.updateLoggers();
        appender.stop();
    }
}
