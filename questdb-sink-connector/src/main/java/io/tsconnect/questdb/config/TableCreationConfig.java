package io.tsconnect.questdb.config;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import io.tsconnect.common.config.ConfigGroup;

/**
 * Config fragment "Table creation": whether tables are created before their first write and with which
 * designated timestamp, PARTITION BY, declared columns, DEDUP UPSERT KEYS and TTL.
 */
public final class TableCreationConfig {
    public static final String TABLE_CREATE_CONFIG = "table.create";
    static final String TABLE_CREATE_DOC = "Create each table (CREATE TABLE IF NOT EXISTS over HTTP /exec) "
        + "before the first write to it, with the settings below; needs an http(s) client configuration (over "
        + "https, its tls_roots/tls_roots_password and tls_verify apply to these requests too).";
    static final String TABLE_CREATE_DISPLAY = "Create tables";

    public static final String TABLE_TS_COLUMN_CONFIG = "table.timestamp.column";
    static final String TABLE_TS_COLUMN_DOC = "Name of the designated timestamp column of created tables.";
    static final String TABLE_TS_COLUMN_DEFAULT = "timestamp";
    static final String TABLE_TS_COLUMN_DISPLAY = "Timestamp column";

    public static final String TABLE_TS_TYPE_CONFIG = "table.timestamp.type";
    static final String TABLE_TS_TYPE_DOC = "Type of the designated timestamp column of created tables.";
    static final String TABLE_TS_TYPE_DEFAULT = "timestamp";
    static final String TABLE_TS_TYPE_DISPLAY = "Timestamp column type";

    public static final String TABLE_PARTITION_CONFIG = "table.partition.by";
    static final String TABLE_PARTITION_DOC = "PARTITION BY of created tables.";
    static final String TABLE_PARTITION_DEFAULT = "day";
    static final String TABLE_PARTITION_DISPLAY = "Partition by";

    public static final String TABLE_COLUMNS_CONFIG = "table.columns";
    static final String TABLE_COLUMNS_DOC = "Extra columns declared when a table is created, as 'name TYPE' "
        + "entries (e.g. 'price DECIMAL(18,4)'); symbols and uuids are declared automatically.";
    static final String TABLE_COLUMNS_DISPLAY = "Declared columns";

    public static final String TABLE_DEDUP_CONFIG = "table.dedup.keys";
    static final String TABLE_DEDUP_DOC = "DEDUP UPSERT KEYS of the tables written (the designated timestamp is "
        + "added): a replay after a crash then leaves no duplicate rows. Created tables get them; a table that "
        + "already exists gets them with ALTER TABLE ... DEDUP ENABLE. Each key must be a symbol, uuid or declared "
        + "column (or, in an existing table, any column it has).";
    static final String TABLE_DEDUP_DISPLAY = "Dedup keys";

    public static final String TABLE_TTL_CONFIG = "table.ttl";
    static final String TABLE_TTL_DOC = "TTL of created tables, e.g. '30 DAYS' or '12 HOURS'; empty keeps data.";
    static final String TABLE_TTL_DISPLAY = "TTL";

    private final AbstractConfig config;

    TableCreationConfig(AbstractConfig config) {
        this.config = config;
    }

    /** Adds the table creation keys to {@code def} as the group "Table creation". */
    public static ConfigDef update(ConfigDef def) {
        ConfigGroup.of(def, "Table creation")
            .define(TABLE_CREATE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, TABLE_CREATE_DOC, Width.SHORT,
                TABLE_CREATE_DISPLAY)
            .define(TABLE_TS_COLUMN_CONFIG, Type.STRING, TABLE_TS_COLUMN_DEFAULT, new NonEmptyString(),
                Importance.LOW, TABLE_TS_COLUMN_DOC, Width.SHORT, TABLE_TS_COLUMN_DISPLAY)
            .define(TABLE_TS_TYPE_CONFIG, Type.STRING, TABLE_TS_TYPE_DEFAULT, TimestampType.VALIDATOR,
                Importance.LOW, TABLE_TS_TYPE_DOC, Width.SHORT, TABLE_TS_TYPE_DISPLAY, TimestampType.RECOMMENDER)
            .define(TABLE_PARTITION_CONFIG, Type.STRING, TABLE_PARTITION_DEFAULT, PartitionBy.VALIDATOR,
                Importance.LOW, TABLE_PARTITION_DOC, Width.SHORT, TABLE_PARTITION_DISPLAY, PartitionBy.RECOMMENDER)
            .define(TABLE_COLUMNS_CONFIG, Type.LIST, "", Importance.LOW, TABLE_COLUMNS_DOC, Width.LONG,
                TABLE_COLUMNS_DISPLAY)
            .define(TABLE_DEDUP_CONFIG, Type.LIST, "", Importance.LOW, TABLE_DEDUP_DOC, Width.LONG,
                TABLE_DEDUP_DISPLAY)
            .define(TABLE_TTL_CONFIG, Type.STRING, "", Importance.LOW, TABLE_TTL_DOC, Width.SHORT,
                TABLE_TTL_DISPLAY);
        return def;
    }

    /** True when tables are created before their first write. */
    public boolean enabled() {
        return config.getBoolean(TABLE_CREATE_CONFIG);
    }

    public String timestampColumn() {
        return config.getString(TABLE_TS_COLUMN_CONFIG);
    }

    public TimestampType timestampType() {
        return TimestampType.parse(TABLE_TS_TYPE_CONFIG, config.getString(TABLE_TS_TYPE_CONFIG));
    }

    public PartitionBy partitionBy() {
        return PartitionBy.parse(TABLE_PARTITION_CONFIG, config.getString(TABLE_PARTITION_CONFIG));
    }

    /** The declared 'name TYPE' entries; commas inside parentheses (DECIMAL(18,4)) do not split an entry. */
    public List<String> columns() {
        List<String> merged = new ArrayList<>();
        StringBuilder open = new StringBuilder();
        for (String part : config.getList(TABLE_COLUMNS_CONFIG)) {
            open.append(open.length() == 0 ? "" : ",").append(part);
            String text = open.toString();
            if (text.chars().filter(c -> c == '(').count() == text.chars().filter(c -> c == ')').count()) {
                merged.add(text.trim());
                open.setLength(0);
            }
        }
        if (open.length() > 0) {
            merged.add(open.toString().trim());
        }
        return merged;
    }

    public List<String> dedupKeys() {
        return config.getList(TABLE_DEDUP_CONFIG);
    }

    /** The TTL clause, or empty. */
    public String ttl() {
        return config.getString(TABLE_TTL_CONFIG).trim();
    }
}
