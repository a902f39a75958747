package io.tsconnect.testsupport.questdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.questdb.ServerMain;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableReader;
import io.questdb.cairo.TableToken;
import io.tsconnect.testsupport.Await;

/**
 * A real QuestDB server ({@code org.questdb:questdb}) running in this JVM on free loopback ports, with a
 * temporary data directory, for sink tests, pipelines and the quickstart.
 *
 * <p>HTTP (REST {@code /exec}, ILP over HTTP {@code /write}), PG wire and ILP/TCP listen on {@code 127.0.0.1};
 * telemetry, the "min" health server and UDP are off, and worker counts are minimal so that the server fits
 * beside Kafka and Connect on two cores. {@link #stop()} and {@link #start()} restart the server on the same
 * ports and data directory, so a test can take the server away mid-stream and bring it back with its data.
 * {@link #close()} stops it and deletes the data directory.
 *
 * <pre>{@code
 * try (EmbeddedQuestDb db = EmbeddedQuestDb.start()) {
 *     String conf = db.ilpHttpConf();                 // "http::addr=127.0.0.1:PORT;"
 *     List<Map<String, Object>> rows = db.query("select * from device_readings");
 * }
 * }</pre>
 *
 * <p>Tables written over ILP are WAL tables: rows become visible to queries shortly after the write is
 * acknowledged. Use {@link #awaitRowCount} rather than asserting right after a write.
 */
public final class EmbeddedQuestDb implements AutoCloseable {
    /** How long {@link #start()} waits for the server to accept HTTP requests. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";

    private final Path root;
    private final int httpPort;
    private final int pgPort;
    private final int ilpTcpPort;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final boolean keepData;
    private ServerMain server;

    private EmbeddedQuestDb(Path root, Map<String, String> extraEnv) {
        this(root, 0, 0, 0, extraEnv, false);
    }

    private EmbeddedQuestDb(Path root, int httpPort, int pgPort, int ilpTcpPort, Map<String, String> extraEnv,
                            boolean keepData) {
        this.root = root;
        this.httpPort = httpPort > 0 ? httpPort : freePort();
        this.pgPort = pgPort > 0 ? pgPort : freePort();
        this.ilpTcpPort = ilpTcpPort > 0 ? ilpTcpPort : freePort();
        this.env = environment(extraEnv);
        this.keepData = keepData;
    }

    /**
     * Starts a server on a data directory that outlives it (the quickstart's), on the given ports (0: a free port).
     * {@link #close()} stops it and keeps the data.
     */
    public static EmbeddedQuestDb startKeepingData(Path root, int httpPort, int pgPort, int ilpTcpPort) {
        EmbeddedQuestDb db = new EmbeddedQuestDb(root, httpPort, pgPort, ilpTcpPort, Map.of(), true);
        try {
            db.startServer();
        } catch (RuntimeException e) {
            db.stop();
            throw e;
        }
        return db;
    }

    /** Starts a server with the default settings in a new temporary directory. */
    public static EmbeddedQuestDb start() {
        return start(Map.of());
    }

    /**
     * Starts a server in a new temporary directory.
     *
     * @param extraEnv server settings as {@code QDB_*} names (e.g. {@code QDB_LINE_AUTO_CREATE_NEW_COLUMNS}),
     *                 applied on top of this class's defaults
     */
    public static EmbeddedQuestDb start(Map<String, String> extraEnv) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tsconnect-questdb-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the QuestDB root directory", e);
        }
        EmbeddedQuestDb db = new EmbeddedQuestDb(dir, extraEnv);
        try {
            db.startServer();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Starts the server again after {@link #stop()}, on the same ports and with the same data. */
    public synchronized void restart() {
        if (server != null) {
            throw new IllegalStateException("QuestDB is running");
        }
        startServer();
    }

    /** Stops the server, keeping its data directory and ports for {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }

    /** True while the server runs. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The HTTP port (REST API and ILP over HTTP). */
    public int httpPort() {
        return httpPort;
    }

    /** The PostgreSQL wire protocol port (user {@code admin}, password {@code quest}, database {@code qdb}). */
    public int pgPort() {
        return pgPort;
    }

    /** The ILP over TCP port. */
    public int ilpTcpPort() {
        return ilpTcpPort;
    }

    /** {@code 127.0.0.1:<http port>}. */
    public String httpAddress() {
        return HOST + ":" + httpPort;
    }

    /** A questdb-client configuration string for ILP over HTTP: {@code http::addr=127.0.0.1:PORT;}. */
    public String ilpHttpConf() {
        return "http::addr=" + httpAddress() + ";";
    }

    /** A questdb-client configuration string for ILP over TCP. */
    public String ilpTcpConf() {
        return "tcp::addr=" + HOST + ":" + ilpTcpPort + ";";
    }

    /** The server's data directory. */
    public Path root() {
        return root;
    }

    /**
     * Runs {@code sql} through the REST API ({@code GET /exec}) and returns the result rows as maps from column
     * name to value (numbers as Long/Double, timestamps as ISO-8601 strings, null as null).
     *
     * @throws IllegalStateException when the server answers with an error
     */
    public List<Map<String, Object>> query(String sql) {
        JsonNode body = exec(sql);
        List<String> columns = new ArrayList<>();
        body.path("columns").forEach(c -> columns.add(c.path("name").asText()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode dataRow : body.path("dataset")) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), JSON.convertValue(dataRow.get(i), Object.class));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The column names and types of {@code table} (from {@code table_columns()}), in table order. */
    public Map<String, String> columnTypes(String table) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map<String, Object> row : query("select \"column\", type from table_columns('" + table + "')")) {
            types.put((String) row.get("column"), (String) row.get("type"));
        }
        return types;
    }

    /**
     * Runs a statement (DDL, INSERT …) through {@code /exec} and returns the raw JSON answer.
     *
     * @throws IllegalStateException when the server answers with an error
     */
    public JsonNode exec(String sql) {
        URI uri = URI.create("http://" + httpAddress() + "/exec?query="
            + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2 || body.has("error")) {
                throw new IllegalStateException("QuestDB answered " + response.statusCode() + " to '" + sql + "': "
                    + response.body());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach QuestDB at " + httpAddress(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The number of rows of {@code table}, or -1 when the table does not exist (yet). */
    public long rowCount(String table) {
        if (query("select table_name from tables() where table_name = '" + table + "'").isEmpty()) {
            return -1;
        }
        Object count = query("select count() c from '" + table + "'").get(0).get("c");
        return ((Number) count).longValue();
    }

    /**
     * The rows of {@code table} that queries see, read from this JVM's engine (no SQL, no HTTP: cheap enough to
     * poll every few milliseconds without loading the server or compiling an HTTP client beside what is being
     * measured), or -1 when the table does not exist (yet). The same figure as {@link #rowCount}.
     */
    public long visibleRows(String table) {
        CairoEngine engine = server.getEngine();
        TableToken token = engine.getTableTokenIfExists(table);
        if (token == null) {
            return -1;
        }
        try (TableReader reader = engine.getReader(token)) {
            return reader.size();
        }
    }

    /** Waits until {@code table} has exactly {@code expected} rows (WAL tables apply asynchronously). */
    public void awaitRowCount(String table, long expected, Duration timeout) {
        Await.until(expected + " rows in " + table, timeout, () -> rowCount(table) == expected,
            () -> "row count " + rowCount(table));
    }

    /** Stops the server and deletes its data directory, unless started with {@link #startKeepingData}. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (!keepData) {
                deleteRecursively(root);
            }
        }
    }

    private void startServer() {
        try {
            writeLogConf();
            // The JVM-wide log factory reads <root>/conf/log.conf only when told the root before it first starts.
            io.questdb.log.LogFactory.configureRootDir(root.toString());
            ServerMain main = ServerMain.create(root.toString(), env);
            main.start();
            server = main;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + root, e);
        }
        Await.until("QuestDB to answer on " + httpAddress(), STARTUP_TIMEOUT, () -> {
            exec("select 1");
            return true;
        });
    }

    /**
     * QuestDB logs INFO and advisories to stdout by default; here everything goes to {@link #logFile()} so that
     * test and quickstart output stay readable.
     */
    private void writeLogConf() throws IOException {
        Path conf = root.resolve("conf");
        Files.createDirectories(conf);
        Files.createDirectories(logFile().getParent());
        Files.writeString(conf.resolve("log.conf"), "writers=file\n"
            + "w.file.class=io.questdb.log.LogFileWriter\n"
            + "w.file.location=" + logFile() + "\n"
            + "w.file.level=INFO,ERROR,CRITICAL,ADVISORY\n", StandardCharsets.UTF_8);
    }

    /** The server's log. */
    public Path logFile() {
        return root.resolve("log").resolve("questdb.log");
    }

    /** The worker pools whose idle behaviour is set (QDB_<pool>_WORKER_…); the logging pool has no setting. */
    private static final List<String> IDLE_TUNED_POOLS = List.of("SHARED", "HTTP", "PG", "WAL_APPLY",
        "LINE_TCP_WRITER", "LINE_TCP_IO", "MAT_VIEW_REFRESH", "VIEW_COMPILER", "EXPORT");

    private Map<String, String> environment(Map<String, String> extraEnv) {
        Map<String, String> settings = new HashMap<>();
        settings.put("QDB_HTTP_NET_BIND_TO", HOST + ":" + httpPort);
        settings.put("QDB_PG_NET_BIND_TO", HOST + ":" + pgPort);
        settings.put("QDB_LINE_TCP_NET_BIND_TO", HOST + ":" + ilpTcpPort);
        settings.put("QDB_HTTP_MIN_ENABLED", "false");
        settings.put("QDB_LINE_UDP_ENABLED", "false");
        settings.put("QDB_TELEMETRY_ENABLED", "false");
        // Two cores are shared with Kafka and Connect: one shared worker plus single dedicated workers.
        settings.put("QDB_SHARED_WORKER_COUNT", "2");
        settings.put("QDB_HTTP_WORKER_COUNT", "1");
        settings.put("QDB_PG_WORKER_COUNT", "1");
        settings.put("QDB_LINE_TCP_WRITER_WORKER_COUNT", "1");
        settings.put("QDB_LINE_TCP_IO_WORKER_COUNT", "1");
        settings.put("QDB_WAL_APPLY_WORKER_COUNT", "1");
        settings.put("QDB_MAT_VIEW_REFRESH_WORKER_COUNT", "1");
        // An idle QuestDB worker spins, then calls sched_yield up to 7,000 times before it naps: on a dedicated
        // server that is cheap, but here it took 17% of the CPU that Kafka, Connect and the client need
        // (async-profiler, QuestDB benchmark). Idle workers nap after 100 empty loops instead (1 ms), and sleep
        // after 1,000.
        for (String pool : IDLE_TUNED_POOLS) {
            settings.put("QDB_" + pool + "_WORKER_YIELD_THRESHOLD", "10");
            settings.put("QDB_" + pool + "_WORKER_NAP_THRESHOLD", "100");
            settings.put("QDB_" + pool + "_WORKER_SLEEP_THRESHOLD", "1000");
        }
        settings.put("QDB_CAIRO_SQL_COPY_ROOT", root.resolve("import").toString());
        settings.putAll(extraEnv);
        return Map.copyOf(settings);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless; never hide the test's own outcome behind it.
        }
    }
}
