package io.tsconnect.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The official QuestDB Kafka connector ({@code io.questdb.kafka.QuestDBSinkConnector}), run as a peer row of the
 * QuestDB benchmark when {@code --peer-plugin} names its Hub zip or an unpacked plugin folder. It is an optional
 * input: nothing in the build or the tests needs it.
 */
final class QuestDbPeer {
    static final String CONNECTOR_CLASS = "io.questdb.kafka.QuestDBSinkConnector";
    private final Path pluginPath;

    private QuestDbPeer(Path pluginPath) {
        this.pluginPath = pluginPath;
    }

    /** The peer named by {@code --peer-plugin}, or null when the option is not given. */
    static QuestDbPeer from(Options options) throws IOException {
        if (!options.has("peer-plugin")) {
            return null;
        }
        Path given = Path.of(options.string("peer-plugin", ""));
        if (Files.isDirectory(given)) {
            return new QuestDbPeer(given);
        }
        if (!Files.isRegularFile(given)) {
            throw new IllegalArgumentException("--peer-plugin " + given + ": no such zip or folder");
        }
        Path dir = Files.createTempDirectory("questdb-peer-plugin");
        unzip(given, dir);
        return new QuestDbPeer(dir);
    }

    /** The folder to add to the worker's {@code plugin.path}. */
    Path pluginPath() {
        return pluginPath;
    }

    /**
     * The peer's config for the same rows as ours: the same converters, symbols and designated timestamp field,
     * the key left out (as ours does).
     */
    static Map<String, String> config(String topic, String table, String clientConf) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("table", table);
        config.put("client.conf.string", clientConf);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("symbols", "metric,location,device");
        config.put("timestamp.field.name", "timestamp");
        config.put("timestamp.units", "millis");
        config.put("include.key", "false");
        return config;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("Zip entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                }
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
