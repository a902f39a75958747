package io.tsconnect.faults.sinks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;

/**
 * {@link SinkFaultSuite} for the QuestDB sink: {@code faults_plain} (created by ILP, no dedup) shows every
 * delivery, so its extra rows are the duplicates a crash replays; {@code faults_dedup} is created by the connector
 * with {@code DEDUP UPSERT KEYS(timestamp, id)} and must hold each record exactly once. QuestDB itself is stopped
 * and restarted on the same ports and data directory mid-stream.
 */
class QuestDbSinkFaultIT extends SinkFaultSuite {
    private static final String PLAIN = "faults_plain";
    private static final String DEDUP = "faults_dedup";
    private EmbeddedQuestDb db;

    @Override
    String system() {
        return "questdb";
    }

    @Override
    String pluginModule() {
        return "questdb-sink-connector";
    }

    @Override
    String metricsType() {
        return "questdb-sink-task";
    }

    @Override
    void startExternal() {
        db = EmbeddedQuestDb.start();
    }

    @Override
    void closeExternal() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    Map<String, Map<String, String>> connectors() {
        Map<String, String> common = Map.of(
            "connector.class", "io.tsconnect.questdb.QuestDbSinkConnector",
            "client.conf.string", db.ilpHttpConf(),
            "symbols", "device",
            "timestamp.source", "field",
            "timestamp.field.name", "timestamp",
            "timestamp.units", "ms",
            "flush.idle.ms", "100");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> plain = new LinkedHashMap<>(common);
        plain.put("table", PLAIN);
        out.put("questdb-plain", plain);
        Map<String, String> dedup = new LinkedHashMap<>(common);
        dedup.put("table", DEDUP);
        dedup.put("table.create", "true");
        dedup.put("table.columns", "id LONG");
        dedup.put("table.dedup.keys", "id");
        out.put("questdb-dedup", dedup);
        return out;
    }

    @Override
    long landed() {
        return Math.max(0, db.rowCount(DEDUP));
    }

    @Override
    void cutExternal() {
        db.stop();
    }

    @Override
    void restoreExternal() {
        db.restart();
    }

    @Override
    List<Delivery> deliveries() {
        assertTrue(String.valueOf(db.query("show create table " + DEDUP).get(0)).contains("DEDUP UPSERT KEYS"),
            "the connector created the table with DEDUP UPSERT KEYS");
        return List.of(delivery(PLAIN, false), delivery(DEDUP, true));
    }

    private Delivery delivery(String table, boolean idempotent) {
        List<Map<String, Object>> rows = db.query("select id from " + table);
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(((Number) r.get("id")).longValue()));
        return new Delivery(table, idempotent, rows.size(), ids);
    }
}
