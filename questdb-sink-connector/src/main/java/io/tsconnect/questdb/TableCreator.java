package io.tsconnect.questdb;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.questdb.config.PartitionBy;
import io.tsconnect.questdb.config.QuestDbSinkConfig;
import io.tsconnect.questdb.config.TableCreationConfig;

/**
 * Creates each table once, before the first row is written to it, with {@code CREATE TABLE IF NOT EXISTS} over
 * the REST API ({@code /exec}): designated timestamp (TIMESTAMP or TIMESTAMP_NS), PARTITION BY, TTL and
 * DEDUP UPSERT KEYS, which are also enabled on a table that already existed without them. Columns not declared here
 * are still added by ILP as rows arrive. Over https the trust
 * follows the client configuration's {@code tls_roots} / {@code tls_verify} ({@link ExecTls}).
 */
public final class TableCreator {
    private static final Logger log = LoggerFactory.getLogger(TableCreator.class);
    private final TableCreationConfig config;
    private final List<String> uuids;
    private final URI exec;
    private final String authorization;
    private final HttpClient http;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    public TableCreator(QuestDbSinkConfig config, ClientConf conf) {
        this.config = config.tableCreation();
        this.uuids = config.mapping().uuids();
        this.exec = URI.create(conf.schema() + "://" + conf.firstAddress() + "/exec");
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (conf.schema().equals("https")) {
            client.sslContext(ExecTls.context(conf));
        }
        this.http = client.build();
        if (conf.get("username") != null) {
            String basic = conf.get("username") + ":" + (conf.get("password") == null ? "" : conf.get("password"));
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
        } else {
            this.authorization = conf.get("token") == null ? null : "Bearer " + conf.get("token");
        }
    }

    /**
     * Creates {@code table} unless this task already did. Both sender threads of a task call this: one creates,
     * the other waits for it.
     *
     * @throws RetriableException when QuestDB cannot be reached
     * @throws ConnectException when QuestDB rejects the statement (a configuration problem)
     */
    public void ensure(String table, Set<String> symbols) {
        // Called for every row: only the first row of a table takes the lock.
        if (!created.contains(table)) {
            create(table, symbols);
        }
    }

    private synchronized void create(String table, Set<String> symbols) {
        if (created.contains(table)) {
            return;
        }
        String ddl = ddl(table, symbols);
        log.info("Creating QuestDB table {} if it does not exist: {}", table, ddl);
        exec(ddl, table);
        if (!config.dedupKeys().isEmpty()) {
            // A table that existed before (created by ILP, or by an older config) gets the dedup keys too, so a
            // replay after a crash cannot leave duplicates in it; QuestDB accepts this again on a table that has them.
            exec("ALTER TABLE " + quote(table) + " DEDUP ENABLE UPSERT KEYS(" + dedupKeys() + ")", table);
        }
        created.add(table);
    }

    private void exec(String sql, String table) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(exec + "?query="
            + URLEncoder.encode(sql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                throw new RetriableException("QuestDB answered " + response.statusCode() + " to '" + sql + "'");
            }
            if (response.statusCode() / 100 != 2) {
                throw new ConnectException("QuestDB rejected '" + sql + "' (HTTP " + response.statusCode() + "): "
                    + response.body());
            }
        } catch (IOException e) {
            throw new RetriableException("Cannot reach QuestDB to create table " + table, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("Interrupted while creating table " + table, e);
        }
    }

    /** The CREATE TABLE statement for {@code table}. */
    public String ddl(String table, Set<String> symbols) {
        String ts = config.timestampColumn();
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(ts, config.timestampType().name());
        symbols.forEach(s -> columns.put(s, "SYMBOL"));
        uuids.forEach(u -> columns.put(ColumnNames.column(u), "UUID"));
        for (String declared : config.columns()) {
            String[] parts = declared.trim().split("\\s+", 2);
            columns.put(parts[0], parts[1]);
        }
        List<String> defs = new ArrayList<>();
        columns.forEach((name, type) -> defs.add(quote(name) + " " + type));
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(quote(table)).append(" (")
            .append(String.join(", ", defs)).append(") TIMESTAMP(").append(quote(ts)).append(')');
        PartitionBy partition = config.partitionBy();
        sql.append(" PARTITION BY ").append(partition.name());
        if (!config.ttl().isEmpty()) {
            sql.append(" TTL ").append(config.ttl());
        }
        if (partition != PartitionBy.NONE) {
            sql.append(" WAL");
        }
        if (!config.dedupKeys().isEmpty()) {
            sql.append(" DEDUP UPSERT KEYS(").append(dedupKeys()).append(')');
        }
        return sql.toString();
    }

    /** The designated timestamp and the configured dedup keys, quoted, e.g. {@code "timestamp", "id"}. */
    private String dedupKeys() {
        String ts = config.timestampColumn();
        List<String> keys = new ArrayList<>();
        keys.add(quote(ts));
        config.dedupKeys().stream().filter(k -> !k.equals(ts)).forEach(k -> keys.add(quote(k)));
        return String.join(", ", keys);
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "") + '"';
    }
}
