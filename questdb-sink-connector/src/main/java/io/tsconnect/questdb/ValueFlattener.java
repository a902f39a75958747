package io.tsconnect.questdb;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.errors.DataException;

import io.tsconnect.questdb.config.ArrayMode;
import io.tsconnect.questdb.config.BytesEncoding;

/**
 * Turns a Struct or Map (with or without schema) into columns: nested Structs/Maps become {@code parent_child}
 * columns up to a depth, anything deeper or not storable natively becomes JSON text, and each leaf gets the
 * ILP type that keeps its value: LONG, DOUBLE, BOOLEAN, VARCHAR, SYMBOL, TIMESTAMP, DECIMAL or DOUBLE[].
 */
public final class ValueFlattener {
    private final Set<String> doubles;
    private final Set<String> uuids;
    private final String separator;
    private final int maxDepth;
    private final BytesEncoding bytes;
    private final ArrayMode arrays;
    private final boolean skipUnsupported;
    /**
     * The sanitised name of the n-th field of the current record, as last seen: a topic's records repeat their
     * fields in the same order, so one comparison replaces sanitising the name and looking it up among the symbol
     * and UUID columns. Usually an identity match: JsonConverter's map keys are Jackson's interned field names,
     * the same String instances record after record (Kafka 4.3), and a Struct's names are its schema's.
     */
    private final String[] seenRaw = new String[64];
    private final String[] seenColumn = new String[64];
    /** Whether the n-th column is a symbol or a UUID column, worked out with its name (of {@link #kindsOf}). */
    private final boolean[] seenSymbol = new boolean[64];
    private final boolean[] seenUuid = new boolean[64];
    /** The symbol set the cached kinds were worked out for (a topic's records share one). */
    private Set<String> kindsOf;
    private int position;
    /** The value of the field left out (skipPath) in the current record, or null. */
    private Object skipped;

    /**
     * @param doubles columns always written as DOUBLE
     * @param uuids columns checked to hold UUIDs
     * @param separator joins nested names
     * @param maxDepth levels flattened before JSON text is used
     * @param bytes BYTES encoding
     * @param arrays how integer arrays are written
     * @param skipUnsupported skip (rather than reject) values of unsupported types
     */
    public ValueFlattener(Set<String> doubles, Set<String> uuids, String separator, int maxDepth,
                          BytesEncoding bytes, ArrayMode arrays, boolean skipUnsupported) {
        this.doubles = doubles;
        this.uuids = uuids;
        this.separator = separator;
        this.maxDepth = maxDepth;
        this.bytes = bytes;
        this.arrays = arrays;
        this.skipUnsupported = skipUnsupported;
    }

    /**
     * Adds the columns of {@code value} to {@code row}.
     *
     * @param prefix prepended to every top-level name
     * @param symbols columns written as SYMBOL
     * @param skipPath a dotted field path left out (the designated timestamp), or null
     */
    public void addAll(Row row, String prefix, Object value, Schema schema, Set<String> symbols, String skipPath) {
        if (value instanceof Struct || value instanceof Map) {
            children(row, prefix, null, value, symbols, skipPath, 0);
        } else if (value != null) {
            String name = prefix.isEmpty() ? "value" : trimSeparator(prefix);
            leaf(row, name, value, schema, symbols);
        }
    }

    private void children(Row row, String name, String path, Object container, Set<String> symbols,
                          String skipPath, int depth) {
        if (container instanceof Struct struct) {
            for (Field field : struct.schema().fields()) {
                child(row, name, path, field.name(), struct.get(field), field.schema(), symbols, skipPath, depth);
            }
        } else {
            Schema valueSchema = null;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) container).entrySet()) {
                child(row, name, path, String.valueOf(e.getKey()), e.getValue(), valueSchema, symbols, skipPath,
                    depth);
            }
        }
    }

    private void child(Row row, String parentName, String parentPath, String key, Object value, Schema schema,
                       Set<String> symbols, String skipPath, int depth) {
        String path = parentPath == null ? key : parentPath + "." + key;
        if (value == null) {
            return;
        }
        // Lengths first: most fields differ in length from the timestamp's path, and this runs for every field.
        if (skipPath != null && path.length() == skipPath.length() && path.equals(skipPath)) {
            skipped = value;
            return;
        }
        String name = parentPath == null ? (parentName.isEmpty() ? key : parentName + key)
            : parentName + separator + key;
        if ((value instanceof Struct || value instanceof Map) && depth < maxDepth) {
            children(row, name, path, value, symbols, skipPath, depth + 1);
        } else {
            leaf(row, name, value, schema, symbols);
        }
    }

    /** Starts a record: field positions count from here for the name cache. */
    public void startRecord() {
        position = 0;
        skipped = null;
    }

    /** The value of the field {@link #addAll} left out (its skipPath) in the current record, or null. */
    public Object skipped() {
        return skipped;
    }

    /**
     * The position of column {@code rawName} in the name cache, its sanitised name and kinds worked out when the
     * name differs from the one last seen there; -1 past the cache.
     */
    private int column(String rawName, Set<String> symbols) {
        if (position >= seenRaw.length) {
            return -1;
        }
        if (symbols != kindsOf) {
            Arrays.fill(seenRaw, null);
            kindsOf = symbols;
        }
        int i = position++;
        String seen = seenRaw[i];
        if (seen != rawName && !rawName.equals(seen)) {
            String column = ColumnNames.column(rawName);
            seenColumn[i] = column;
            seenSymbol[i] = symbols.contains(column);
            seenUuid[i] = uuids.contains(column);
            seenRaw[i] = rawName;
        }
        return i;
    }

    /** Adds one non-container value as column {@code rawName} (sanitised here). */
    public void leaf(Row row, String rawName, Object value, Schema schema, Set<String> symbols) {
        int i = column(rawName, symbols);
        String name = i < 0 ? ColumnNames.column(rawName) : seenColumn[i];
        if (i < 0 ? symbols.contains(name) : seenSymbol[i]) {
            row.add(name, ColumnKind.SYMBOL, text(value));
        } else if (i < 0 ? uuids.contains(name) : seenUuid[i]) {
            row.add(name, ColumnKind.STRING, uuid(name, value));
        } else if (value instanceof Double d && doubles.isEmpty()) {
            // JSON numbers with a fraction (JsonConverter and the fast path): the common case first.
            row.addDouble(name, d);
        } else if (value instanceof Number n && !doubles.isEmpty() && doubles.contains(name)) {
            row.addDouble(name, n.doubleValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
            || value instanceof Byte) {
            row.addLong(name, ColumnKind.LONG, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            row.addDouble(name, ((Number) value).doubleValue());
        } else if (value instanceof BigDecimal decimal) {
            row.add(name, ColumnKind.DECIMAL, decimal);
        } else if (value instanceof Boolean b) {
            row.addBoolean(name, b);
        } else if (value instanceof String s) {
            row.add(name, ColumnKind.STRING, s);
        } else {
            other(row, name, value, schema);
        }
    }

    private void other(Row row, String name, Object value, Schema schema) {
        if (value instanceof Date date) {
            if (schema != null && Time.LOGICAL_NAME.equals(schema.name())) {
                row.addLong(name, ColumnKind.LONG, date.getTime());
            } else {
                row.addLong(name, ColumnKind.TIMESTAMP_MICROS, date.getTime() * 1000L);
            }
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            row.add(name, ColumnKind.STRING, encode(value));
        } else if (value instanceof List<?> list) {
            array(row, name, list, schema);
        } else if (value instanceof Struct || value instanceof Map) {
            row.add(name, ColumnKind.STRING, JsonText.write(value));
        } else if (!skipUnsupported) {
            throw new DataException("Field '" + name + "' has unsupported type " + value.getClass().getName()
                + " (set skip.unsupported.types=true to skip such fields)");
        }
    }

    private void array(Row row, String name, List<?> list, Schema schema) {
        Schema elements = schema == null ? null : schema.valueSchema();
        boolean floating = elements != null && (elements.type() == Schema.Type.FLOAT32
            || elements.type() == Schema.Type.FLOAT64);
        boolean numbers = true;
        for (Object element : list) {
            if (!(element instanceof Number)) {
                numbers = false;
                break;
            }
            floating |= element instanceof Double || element instanceof Float || element instanceof BigDecimal;
        }
        if (list.isEmpty() && elements == null) {
            return;
        }
        if (numbers && (floating || arrays == ArrayMode.ARRAY || doubles.contains(name))) {
            double[] values = new double[list.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((Number) list.get(i)).doubleValue();
            }
            row.add(name, ColumnKind.DOUBLE_ARRAY, values);
        } else {
            row.add(name, ColumnKind.STRING, JsonText.write(list));
        }
    }

    private String encode(Object value) {
        byte[] raw;
        if (value instanceof ByteBuffer buffer) {
            raw = new byte[buffer.remaining()];
            buffer.duplicate().get(raw);
        } else {
            raw = (byte[]) value;
        }
        return bytes == BytesEncoding.HEX ? HexFormat.of().formatHex(raw) : Base64.getEncoder().encodeToString(raw);
    }

    private static String uuid(String name, Object value) {
        try {
            return UUID.fromString(String.valueOf(value)).toString();
        } catch (IllegalArgumentException e) {
            throw new DataException("Column '" + name + "' is not a UUID");
        }
    }

    private static String text(Object value) {
        return value instanceof Date date ? date.toInstant().toString() : String.valueOf(value);
    }

    private String trimSeparator(String prefix) {
        return prefix.endsWith(separator) && prefix.length() > separator.length()
            ? prefix.substring(0, prefix.length() - separator.length()) : prefix;
    }
}
