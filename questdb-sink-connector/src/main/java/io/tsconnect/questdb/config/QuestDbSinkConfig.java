package io.tsconnect.questdb.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.config.RetryConfig;

/**
 * The QuestDB sink's configuration: connection, row mapping, timestamps, table creation, flushing and retries.
 * Per-topic overrides ({@code topic.<topic>.table}, {@code …symbols}, {@code …timestamp.field.name}) are read
 * by {@link TopicOverrides}.
 */
public class QuestDbSinkConfig extends AbstractConfig {
    public static final String CLIENT_CONF_CONFIG = "client.conf.string";
    static final String CLIENT_CONF_DOC = "The questdb-client configuration string, e.g. "
        + "'http::addr=localhost:9000;' or 'https::addr=db:9000;username=${env:QDB_USER};password=${env:QDB_PASS};'. "
        + "HTTP is recommended: every flush is acknowledged. 'tcp::' is accepted with a warning: TCP has no "
        + "acknowledgements, so offsets can be committed for rows the server rejected. auto_flush is always "
        + "turned off (the connector decides when to flush); retry_timeout defaults to 0 so that retries "
        + "happen in the connector with retry.backoff.* instead of blocking the task.";
    static final String CLIENT_CONF_DISPLAY = "Client configuration string";

    public static final String TABLE_CONFIG = "table";
    static final String TABLE_DOC = "Target table name, a template with ${topic}, ${partition} and ${key} "
        + "(the record key as text). Characters QuestDB does not allow in table names become '_'.";
    static final String TABLE_DEFAULT = "${topic}";
    static final String TABLE_DISPLAY = "Table";

    public static final String SYMBOLS_CONFIG = "symbols";
    static final String SYMBOLS_DOC = "Columns written as SYMBOL (after flattening and prefixing, e.g. "
        + "'tags_location'). Every other text column is VARCHAR.";
    static final String SYMBOLS_DISPLAY = "Symbol columns";

    public static final String DOUBLES_CONFIG = "doubles";
    static final String DOUBLES_DOC = "Columns always written as DOUBLE, even when a record carries an "
        + "integer (JSON '21' vs '21.5' would otherwise fight over LONG vs DOUBLE).";
    static final String DOUBLES_DISPLAY = "Forced DOUBLE columns";

    public static final String UUIDS_CONFIG = "uuids";
    static final String UUIDS_DOC = "Columns holding UUIDs: values are checked to be UUIDs (a bad one sends the "
        + "record to the DLQ) and, when the connector creates the table, the columns are typed UUID.";
    static final String UUIDS_DISPLAY = "UUID columns";

    public static final String INCLUDE_KEY_CONFIG = "include.key";
    static final String INCLUDE_KEY_DOC = "Also write the record key: a primitive key as the column 'key' "
        + "(with key.prefix), a Struct/Map key flattened with key.prefix.";
    static final String INCLUDE_KEY_DISPLAY = "Include key";

    public static final String KEY_PREFIX_CONFIG = "key.prefix";
    static final String KEY_PREFIX_DOC = "Prefix of the columns made from the key.";
    static final String KEY_PREFIX_DEFAULT = "key_";
    static final String KEY_PREFIX_DISPLAY = "Key column prefix";

    public static final String VALUE_PREFIX_CONFIG = "value.prefix";
    static final String VALUE_PREFIX_DOC = "Prefix of the columns made from the value.";
    static final String VALUE_PREFIX_DISPLAY = "Value column prefix";

    public static final String FLATTEN_SEPARATOR_CONFIG = "flatten.separator";
    static final String FLATTEN_SEPARATOR_DOC = "Joins the names of nested Struct/Map fields: {a: {b: 1}} "
        + "becomes column 'a_b' with the default.";
    static final String FLATTEN_SEPARATOR_DISPLAY = "Flatten separator";

    public static final String FLATTEN_DEPTH_CONFIG = "flatten.max.depth";
    static final String FLATTEN_DEPTH_DOC = "How many levels of nesting are flattened into columns; anything "
        + "deeper is written as a JSON text column.";
    static final String FLATTEN_DEPTH_DISPLAY = "Flatten depth";

    public static final String BYTES_CONFIG = "bytes.encoding";
    static final String BYTES_DOC = "How BYTES fields are written (as VARCHAR).";
    static final String BYTES_DISPLAY = "Bytes encoding";

    public static final String ARRAYS_CONFIG = "arrays.mode";
    static final String ARRAYS_DOC = "Arrays of floats/doubles are always DOUBLE[]. Arrays of integers become "
        + "DOUBLE[] with 'array' or JSON text with 'json'; arrays of strings, booleans and records are JSON text.";
    static final String ARRAYS_DISPLAY = "Array mode";

    public static final String SKIP_UNSUPPORTED_CONFIG = "skip.unsupported.types";
    static final String SKIP_UNSUPPORTED_DOC = "Skip fields of a type the connector cannot write instead of "
        + "sending the record to the DLQ.";
    static final String SKIP_UNSUPPORTED_DISPLAY = "Skip unsupported types";

    public static final String TOMBSTONES_CONFIG = "tombstones";
    static final String TOMBSTONES_DOC = "Records with a null value: 'ignore' skips them, 'fail' fails the task.";
    static final String TOMBSTONES_DISPLAY = "Tombstones";

    public static final String TS_SOURCE_CONFIG = "timestamp.source";
    static final String TS_SOURCE_DOC = "Designated timestamp: 'field' (timestamp.field.name), 'kafka' (the "
        + "record timestamp) or 'server' (ingestion time).";
    static final String TS_SOURCE_DISPLAY = "Timestamp source";

    public static final String TS_FIELD_CONFIG = "timestamp.field.name";
    static final String TS_FIELD_DOC = "The field (dotted path) holding the designated timestamp when "
        + "timestamp.source=field: a number (see timestamp.units), a Connect Timestamp/Date, or a string "
        + "(see timestamp.string.format). The field is not written as a column.";
    static final String TS_FIELD_DISPLAY = "Timestamp field";

    public static final String TS_UNITS_CONFIG = "timestamp.units";
    static final String TS_UNITS_DOC = "Unit of numeric timestamps; 'auto' guesses from the magnitude. "
        + "Nanosecond values are sent as nanoseconds and kept in full in TIMESTAMP_NS columns.";
    static final String TS_UNITS_DISPLAY = "Timestamp units";

    public static final String TS_FORMAT_CONFIG = "timestamp.string.format";
    static final String TS_FORMAT_DOC = "java.time pattern of string timestamps, e.g. 'yyyy-MM-dd HH:mm:ss.SSS' "
        + "(read as UTC unless it has a zone). Empty: ISO-8601 with offset or 'Z' (fractions up to nanoseconds).";
    static final String TS_FORMAT_DISPLAY = "Timestamp string format";

    public static final String TABLE_CREATE_CONFIG = "table.create";
    static final String TABLE_CREATE_DOC = "Create each table (CREATE TABLE IF NOT EXISTS over HTTP /exec) "
        + "before the first write to it, with the settings below; needs an http(s) client configuration.";
    static final String TABLE_CREATE_DISPLAY = "Create tables";

    public static final String TABLE_TS_COLUMN_CONFIG = "table.timestamp.column";
    static final String TABLE_TS_COLUMN_DOC = "Name of the designated timestamp column of created tables.";
    static final String TABLE_TS_COLUMN_DISPLAY = "Timestamp column";

    public static final String TABLE_TS_TYPE_CONFIG = "table.timestamp.type";
    static final String TABLE_TS_TYPE_DOC = "Type of the designated timestamp column of created tables.";
    static final String TABLE_TS_TYPE_DISPLAY = "Timestamp column type";

    public static final String TABLE_PARTITION_CONFIG = "table.partition.by";
    static final String TABLE_PARTITION_DOC = "PARTITION BY of created tables.";
    static final String TABLE_PARTITION_DISPLAY = "Partition by";

    public static final String TABLE_COLUMNS_CONFIG = "table.columns";
    static final String TABLE_COLUMNS_DOC = "Extra columns declared when a table is created, as 'name TYPE' "
        + "entries (e.g. 'price DECIMAL(18,4)'); symbols and uuids are declared automatically.";
    static final String TABLE_COLUMNS_DISPLAY = "Declared columns";

    public static final String TABLE_DEDUP_CONFIG = "table.dedup.keys";
    static final String TABLE_DEDUP_DOC = "DEDUP UPSERT KEYS of created tables (the designated timestamp is "
        + "added): a replay after a crash then leaves no duplicate rows. Each key must be a symbol, uuid or "
        + "declared column.";
    static final String TABLE_DEDUP_DISPLAY = "Dedup keys";

    public static final String TABLE_TTL_CONFIG = "table.ttl";
    static final String TABLE_TTL_DOC = "TTL of created tables, e.g. '30 DAYS' or '12 HOURS'; empty keeps data.";
    static final String TABLE_TTL_DISPLAY = "TTL";

    public static final String FLUSH_ROWS_CONFIG = "flush.rows";
    static final String FLUSH_ROWS_DOC = "Flush when this many rows are buffered.";
    static final int FLUSH_ROWS_DEFAULT = 50_000;
    static final String FLUSH_ROWS_DISPLAY = "Flush rows";

    public static final String FLUSH_INTERVAL_CONFIG = "flush.interval.ms";
    static final String FLUSH_INTERVAL_DOC = "Flush when the oldest buffered row is this old, even while "
        + "records keep arriving.";
    static final long FLUSH_INTERVAL_DEFAULT = 1_000L;
    static final String FLUSH_INTERVAL_DISPLAY = "Flush interval (ms)";

    public static final String FLUSH_IDLE_CONFIG = "flush.idle.ms";
    static final String FLUSH_IDLE_DOC = "Flush when no record arrived for this long (the allowed lag of a quiet "
        + "topic).";
    static final long FLUSH_IDLE_DEFAULT = 200L;
    static final String FLUSH_IDLE_DISPLAY = "Idle flush (ms)";

    public static final ConfigDef CONFIG_DEF = configDef();

    public QuestDbSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConfigGroup.of(def, "Connection")
            .define(CLIENT_CONF_CONFIG, Type.PASSWORD, Importance.HIGH, CLIENT_CONF_DOC, Width.LONG,
                CLIENT_CONF_DISPLAY)
            .define(TABLE_CONFIG, Type.STRING, TABLE_DEFAULT, new NonEmptyString(), Importance.HIGH, TABLE_DOC,
                Width.MEDIUM, TABLE_DISPLAY);
        defineMapping(def);
        ConfigGroup.of(def, "Timestamp")
            .define(TS_SOURCE_CONFIG, Type.STRING, "server", TimestampSource.VALIDATOR, Importance.HIGH,
                TS_SOURCE_DOC, Width.SHORT, TS_SOURCE_DISPLAY, TimestampSource.RECOMMENDER)
            .define(TS_FIELD_CONFIG, Type.STRING, null, Importance.HIGH, TS_FIELD_DOC, Width.MEDIUM,
                TS_FIELD_DISPLAY)
            .define(TS_UNITS_CONFIG, Type.STRING, "auto", TimestampUnit.VALIDATOR, Importance.MEDIUM,
                TS_UNITS_DOC, Width.SHORT, TS_UNITS_DISPLAY, TimestampUnit.RECOMMENDER)
            .define(TS_FORMAT_CONFIG, Type.STRING, "", Importance.MEDIUM, TS_FORMAT_DOC, Width.MEDIUM,
                TS_FORMAT_DISPLAY);
        defineTableCreation(def);
        ConfigGroup.of(def, "Flushing")
            .define(FLUSH_ROWS_CONFIG, Type.INT, FLUSH_ROWS_DEFAULT, Range.between(1, 10_000_000),
                Importance.MEDIUM, FLUSH_ROWS_DOC, Width.SHORT, FLUSH_ROWS_DISPLAY)
            .define(FLUSH_INTERVAL_CONFIG, Type.LONG, FLUSH_INTERVAL_DEFAULT, Range.between(1, 3_600_000),
                Importance.MEDIUM, FLUSH_INTERVAL_DOC, Width.SHORT, FLUSH_INTERVAL_DISPLAY)
            .define(FLUSH_IDLE_CONFIG, Type.LONG, FLUSH_IDLE_DEFAULT, Range.between(0, 3_600_000),
                Importance.LOW, FLUSH_IDLE_DOC, Width.SHORT, FLUSH_IDLE_DISPLAY);
        RetryConfig.update(def, "Retries");
        return def;
    }

    private static void defineMapping(ConfigDef def) {
        ConfigGroup.of(def, "Mapping")
            .define(SYMBOLS_CONFIG, Type.LIST, "", Importance.HIGH, SYMBOLS_DOC, Width.LONG, SYMBOLS_DISPLAY)
            .define(DOUBLES_CONFIG, Type.LIST, "", Importance.MEDIUM, DOUBLES_DOC, Width.LONG, DOUBLES_DISPLAY)
            .define(UUIDS_CONFIG, Type.LIST, "", Importance.LOW, UUIDS_DOC, Width.LONG, UUIDS_DISPLAY)
            .define(INCLUDE_KEY_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, INCLUDE_KEY_DOC, Width.SHORT,
                INCLUDE_KEY_DISPLAY)
            .define(KEY_PREFIX_CONFIG, Type.STRING, KEY_PREFIX_DEFAULT, Importance.LOW, KEY_PREFIX_DOC,
                Width.SHORT, KEY_PREFIX_DISPLAY)
            .define(VALUE_PREFIX_CONFIG, Type.STRING, "", Importance.LOW, VALUE_PREFIX_DOC, Width.SHORT,
                VALUE_PREFIX_DISPLAY)
            .define(FLATTEN_SEPARATOR_CONFIG, Type.STRING, "_", Importance.LOW, FLATTEN_SEPARATOR_DOC,
                Width.SHORT, FLATTEN_SEPARATOR_DISPLAY)
            .define(FLATTEN_DEPTH_CONFIG, Type.INT, 8, Range.between(0, 64), Importance.LOW, FLATTEN_DEPTH_DOC,
                Width.SHORT, FLATTEN_DEPTH_DISPLAY)
            .define(BYTES_CONFIG, Type.STRING, "base64", BytesEncoding.VALIDATOR, Importance.LOW, BYTES_DOC,
                Width.SHORT, BYTES_DISPLAY, BytesEncoding.RECOMMENDER)
            .define(ARRAYS_CONFIG, Type.STRING, "json", ArrayMode.VALIDATOR, Importance.LOW, ARRAYS_DOC,
                Width.SHORT, ARRAYS_DISPLAY, ArrayMode.RECOMMENDER)
            .define(SKIP_UNSUPPORTED_CONFIG, Type.BOOLEAN, false, Importance.LOW, SKIP_UNSUPPORTED_DOC,
                Width.SHORT, SKIP_UNSUPPORTED_DISPLAY)
            .define(TOMBSTONES_CONFIG, Type.STRING, "ignore", TombstoneBehavior.VALIDATOR, Importance.LOW,
                TOMBSTONES_DOC, Width.SHORT, TOMBSTONES_DISPLAY, TombstoneBehavior.RECOMMENDER);
    }

    private static void defineTableCreation(ConfigDef def) {
        ConfigGroup.of(def, "Table creation")
            .define(TABLE_CREATE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, TABLE_CREATE_DOC, Width.SHORT,
                TABLE_CREATE_DISPLAY)
            .define(TABLE_TS_COLUMN_CONFIG, Type.STRING, "timestamp", new NonEmptyString(), Importance.LOW,
                TABLE_TS_COLUMN_DOC, Width.SHORT, TABLE_TS_COLUMN_DISPLAY)
            .define(TABLE_TS_TYPE_CONFIG, Type.STRING, "timestamp", TimestampType.VALIDATOR, Importance.LOW,
                TABLE_TS_TYPE_DOC, Width.SHORT, TABLE_TS_TYPE_DISPLAY, TimestampType.RECOMMENDER)
            .define(TABLE_PARTITION_CONFIG, Type.STRING, "day", PartitionBy.VALIDATOR, Importance.LOW,
                TABLE_PARTITION_DOC, Width.SHORT, TABLE_PARTITION_DISPLAY, PartitionBy.RECOMMENDER)
            .define(TABLE_COLUMNS_CONFIG, Type.LIST, "", Importance.LOW, TABLE_COLUMNS_DOC, Width.LONG,
                TABLE_COLUMNS_DISPLAY)
            .define(TABLE_DEDUP_CONFIG, Type.LIST, "", Importance.LOW, TABLE_DEDUP_DOC, Width.LONG,
                TABLE_DEDUP_DISPLAY)
            .define(TABLE_TTL_CONFIG, Type.STRING, "", Importance.LOW, TABLE_TTL_DOC, Width.SHORT,
                TABLE_TTL_DISPLAY);
    }

    public Password clientConf() {
        return getPassword(CLIENT_CONF_CONFIG);
    }

    public String table() {
        return getString(TABLE_CONFIG);
    }

    public List<String> symbols() {
        return getList(SYMBOLS_CONFIG);
    }

    public List<String> doubles() {
        return getList(DOUBLES_CONFIG);
    }

    public List<String> uuids() {
        return getList(UUIDS_CONFIG);
    }

    public boolean includeKey() {
        return getBoolean(INCLUDE_KEY_CONFIG);
    }

    public String keyPrefix() {
        return getString(KEY_PREFIX_CONFIG);
    }

    public String valuePrefix() {
        return getString(VALUE_PREFIX_CONFIG);
    }

    public String flattenSeparator() {
        return getString(FLATTEN_SEPARATOR_CONFIG);
    }

    public int flattenDepth() {
        return getInt(FLATTEN_DEPTH_CONFIG);
    }

    public BytesEncoding bytesEncoding() {
        return BytesEncoding.parse(BYTES_CONFIG, getString(BYTES_CONFIG));
    }

    public ArrayMode arrayMode() {
        return ArrayMode.parse(ARRAYS_CONFIG, getString(ARRAYS_CONFIG));
    }

    public boolean skipUnsupported() {
        return getBoolean(SKIP_UNSUPPORTED_CONFIG);
    }

    public TombstoneBehavior tombstones() {
        return TombstoneBehavior.parse(TOMBSTONES_CONFIG, getString(TOMBSTONES_CONFIG));
    }

    public TimestampSource timestampSource() {
        return TimestampSource.parse(TS_SOURCE_CONFIG, getString(TS_SOURCE_CONFIG));
    }

    public String timestampField() {
        return getString(TS_FIELD_CONFIG);
    }

    public TimestampUnit timestampUnits() {
        return TimestampUnit.parse(TS_UNITS_CONFIG, getString(TS_UNITS_CONFIG));
    }

    public String timestampFormat() {
        return getString(TS_FORMAT_CONFIG);
    }

    public boolean tableCreate() {
        return getBoolean(TABLE_CREATE_CONFIG);
    }

    public String tableTimestampColumn() {
        return getString(TABLE_TS_COLUMN_CONFIG);
    }

    public TimestampType tableTimestampType() {
        return TimestampType.parse(TABLE_TS_TYPE_CONFIG, getString(TABLE_TS_TYPE_CONFIG));
    }

    public PartitionBy partitionBy() {
        return PartitionBy.parse(TABLE_PARTITION_CONFIG, getString(TABLE_PARTITION_CONFIG));
    }

    /** The declared 'name TYPE' entries; commas inside parentheses (DECIMAL(18,4)) do not split an entry. */
    public List<String> tableColumns() {
        List<String> merged = new java.util.ArrayList<>();
        StringBuilder open = new StringBuilder();
        for (String part : getList(TABLE_COLUMNS_CONFIG)) {
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
        return getList(TABLE_DEDUP_CONFIG);
    }

    public String ttl() {
        return getString(TABLE_TTL_CONFIG).trim();
    }

    public int flushRows() {
        return getInt(FLUSH_ROWS_CONFIG);
    }

    public Duration flushInterval() {
        return Duration.ofMillis(getLong(FLUSH_INTERVAL_CONFIG));
    }

    public Duration flushIdle() {
        return Duration.ofMillis(getLong(FLUSH_IDLE_CONFIG));
    }

    public RetryConfig retry() {
        return RetryConfig.from(this);
    }

    public TopicOverrides topicOverrides() {
        return TopicOverrides.from(originalsWithPrefix(TopicOverrides.PREFIX), this);
    }
}
