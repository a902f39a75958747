package io.tsconnect.questdb.config;

import java.util.List;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import io.tsconnect.common.config.ConfigGroup;

/**
 * Config fragment "Mapping": how a record becomes columns (symbols, forced doubles, UUIDs, key and value
 * prefixes, flattening, bytes and arrays, unsupported types and tombstones).
 */
public final class MappingConfig {
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
    static final String FLATTEN_SEPARATOR_DEFAULT = "_";
    static final String FLATTEN_SEPARATOR_DISPLAY = "Flatten separator";

    public static final String FLATTEN_DEPTH_CONFIG = "flatten.max.depth";
    static final String FLATTEN_DEPTH_DOC = "How many levels of nesting are flattened into columns; anything "
        + "deeper is written as a JSON text column.";
    static final int FLATTEN_DEPTH_DEFAULT = 8;
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

    public static final String VALUE_FORMAT_CONFIG = "value.format";
    static final String VALUE_FORMAT_DOC = "'connect' maps the value the converter produced. 'json' is the fast "
        + "path for JSON text read with value.converter=org.apache.kafka.connect.converters.ByteArrayConverter "
        + "(or StringConverter): the connector parses it with a streaming parser straight into the row, giving the "
        + "same columns as JsonConverter with schemas.enable=false without building a Map per record. Malformed "
        + "JSON goes to the DLQ (or fails the task, naming topic, partition and offset). Values that are not "
        + "bytes or text are mapped as with 'connect'.";
    static final String VALUE_FORMAT_DEFAULT = "connect";
    static final String VALUE_FORMAT_DISPLAY = "Value format";

    private final AbstractConfig config;

    MappingConfig(AbstractConfig config) {
        this.config = config;
    }

    /** Adds the mapping keys to {@code def} as the group "Mapping". */
    public static ConfigDef update(ConfigDef def) {
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
            .define(FLATTEN_SEPARATOR_CONFIG, Type.STRING, FLATTEN_SEPARATOR_DEFAULT, Importance.LOW,
                FLATTEN_SEPARATOR_DOC, Width.SHORT, FLATTEN_SEPARATOR_DISPLAY)
            .define(FLATTEN_DEPTH_CONFIG, Type.INT, FLATTEN_DEPTH_DEFAULT, Range.between(0, 64), Importance.LOW,
                FLATTEN_DEPTH_DOC, Width.SHORT, FLATTEN_DEPTH_DISPLAY)
            .define(BYTES_CONFIG, Type.STRING, "base64", BytesEncoding.VALIDATOR, Importance.LOW, BYTES_DOC,
                Width.SHORT, BYTES_DISPLAY, BytesEncoding.RECOMMENDER)
            .define(ARRAYS_CONFIG, Type.STRING, "json", ArrayMode.VALIDATOR, Importance.LOW, ARRAYS_DOC,
                Width.SHORT, ARRAYS_DISPLAY, ArrayMode.RECOMMENDER)
            .define(SKIP_UNSUPPORTED_CONFIG, Type.BOOLEAN, false, Importance.LOW, SKIP_UNSUPPORTED_DOC,
                Width.SHORT, SKIP_UNSUPPORTED_DISPLAY)
            .define(TOMBSTONES_CONFIG, Type.STRING, "ignore", TombstoneBehavior.VALIDATOR, Importance.LOW,
                TOMBSTONES_DOC, Width.SHORT, TOMBSTONES_DISPLAY, TombstoneBehavior.RECOMMENDER)
            .define(VALUE_FORMAT_CONFIG, Type.STRING, VALUE_FORMAT_DEFAULT, ValueFormat.VALIDATOR, Importance.MEDIUM,
                VALUE_FORMAT_DOC, Width.SHORT, VALUE_FORMAT_DISPLAY, ValueFormat.RECOMMENDER);
        return def;
    }

    public List<String> symbols() {
        return config.getList(SYMBOLS_CONFIG);
    }

    public List<String> doubles() {
        return config.getList(DOUBLES_CONFIG);
    }

    public List<String> uuids() {
        return config.getList(UUIDS_CONFIG);
    }

    public boolean includeKey() {
        return config.getBoolean(INCLUDE_KEY_CONFIG);
    }

    public String keyPrefix() {
        return config.getString(KEY_PREFIX_CONFIG);
    }

    public String valuePrefix() {
        return config.getString(VALUE_PREFIX_CONFIG);
    }

    public String flattenSeparator() {
        return config.getString(FLATTEN_SEPARATOR_CONFIG);
    }

    public int flattenDepth() {
        return config.getInt(FLATTEN_DEPTH_CONFIG);
    }

    public BytesEncoding bytesEncoding() {
        return BytesEncoding.parse(BYTES_CONFIG, config.getString(BYTES_CONFIG));
    }

    public ArrayMode arrayMode() {
        return ArrayMode.parse(ARRAYS_CONFIG, config.getString(ARRAYS_CONFIG));
    }

    public boolean skipUnsupported() {
        return config.getBoolean(SKIP_UNSUPPORTED_CONFIG);
    }

    public ValueFormat valueFormat() {
        return ValueFormat.parse(VALUE_FORMAT_CONFIG, config.getString(VALUE_FORMAT_CONFIG));
    }

    public TombstoneBehavior tombstones() {
        return TombstoneBehavior.parse(TOMBSTONES_CONFIG, config.getString(TOMBSTONES_CONFIG));
    }
}
