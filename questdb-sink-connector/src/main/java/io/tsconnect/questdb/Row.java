package io.tsconnect.questdb;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.errors.DataException;

/**
 * One QuestDB row converted from one record, before it touches the ILP buffer: the table, the columns and the
 * designated timestamp. Converting fully first means a record that fails conversion never leaves half a row
 * (or its timestamp) behind in the sender for the next record.
 *
 * <p>A sender thread reuses one Row for every record ({@link #reset}): numbers and booleans are held unboxed in
 * parallel arrays, so converting a record allocates nothing here (a profile of the JsonConverter path showed a
 * Row, its list, a record per column and the boxed numbers costing more than the client's own encoding).
 */
public final class Row {
    /** Up to this many columns a duplicate name is found by scanning; wider rows keep a set of names. */
    private static final int SCAN_LIMIT = 16;
    private String table;
    private String[] names = new String[8];
    private ColumnKind[] kinds = new ColumnKind[8];
    /** LONG and TIMESTAMP_* values, DOUBLE bits, BOOLEAN as 0/1. */
    private long[] bits = new long[8];
    /** SYMBOL and STRING text, DECIMAL BigDecimal, DOUBLE_ARRAY double[]. */
    private Object[] refs = new Object[8];
    private int size;
    private Set<String> nameSet;
    private long timestamp;
    private ChronoUnit unit;

    /** Starts a row of {@code table}; without {@link #at} it is stamped with the server's time. */
    public Row(String table) {
        this.table = table;
    }

    /** An empty row, to be {@link #reset} before use. */
    Row() {
        this(null);
    }

    /** Empties this row for the next record, of {@code newTable}. */
    Row reset(String newTable) {
        Arrays.fill(refs, 0, size, null);
        this.table = newTable;
        this.size = 0;
        this.nameSet = null;
        this.unit = null;
        this.timestamp = 0;
        return this;
    }

    /**
     * One column value, as {@link #columns()} shows it.
     *
     * @param name the (sanitised) column name
     * @param kind how the value is sent
     * @param value a String, Long, Double, Boolean, BigDecimal, Long (timestamps) or double[]
     */
    public record Column(String name, ColumnKind kind, Object value) {
    }

    /** Adds a column; a second column of the same name is a data error (QuestDB would reject the row). */
    public Row add(String name, ColumnKind kind, Object value) {
        switch (kind) {
            case LONG, TIMESTAMP_MICROS, TIMESTAMP_NANOS -> addLong(name, kind, ((Number) value).longValue());
            case DOUBLE -> addDouble(name, ((Number) value).doubleValue());
            case BOOLEAN -> addBoolean(name, (Boolean) value);
            default -> slot(name, kind).refs[size++] = value;
        }
        return this;
    }

    /** Adds a LONG or TIMESTAMP_MICROS / TIMESTAMP_NANOS column. */
    public Row addLong(String name, ColumnKind kind, long value) {
        slot(name, kind).bits[size++] = value;
        return this;
    }

    /** Adds a DOUBLE column. */
    public Row addDouble(String name, double value) {
        slot(name, ColumnKind.DOUBLE).bits[size++] = Double.doubleToRawLongBits(value);
        return this;
    }

    /** Adds a BOOLEAN column. */
    public Row addBoolean(String name, boolean value) {
        slot(name, ColumnKind.BOOLEAN).bits[size++] = value ? 1 : 0;
        return this;
    }

    /** Checks the name, makes room and records name and kind of column {@link #size}; the caller sets its value. */
    private Row slot(String name, ColumnKind kind) {
        if (size == SCAN_LIMIT && nameSet == null) {
            nameSet = new HashSet<>(Arrays.asList(names).subList(0, size));
        }
        if (nameSet != null ? !nameSet.add(name) : indexOf(name) >= 0) {
            throw new DataException("Two fields map to column '" + name + "' of table " + table);
        }
        if (size == names.length) {
            int grown = size * 2;
            names = Arrays.copyOf(names, grown);
            kinds = Arrays.copyOf(kinds, grown);
            bits = Arrays.copyOf(bits, grown);
            refs = Arrays.copyOf(refs, grown);
        }
        names[size] = name;
        kinds[size] = kind;
        return this;
    }

    private int indexOf(String name) {
        // Column names come from the flattener's cache, so their hashes are computed once: comparing hashes first
        // spares a String.equals per pair of columns (it took a fifth of the conversion in a profile).
        int hash = name.hashCode();
        for (int i = 0; i < size; i++) {
            String n = names[i];
            if (n == name || (n.hashCode() == hash && n.equals(name))) {
                return i;
            }
        }
        return -1;
    }

    /** Sets the designated timestamp, in {@link ChronoUnit#MICROS} or {@link ChronoUnit#NANOS}. */
    public Row at(long value, ChronoUnit timeUnit) {
        this.timestamp = value;
        this.unit = timeUnit;
        return this;
    }

    public String table() {
        return table;
    }

    /** The columns in the order added (a copy, with boxed values). */
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            columns.add(column(i));
        }
        return columns;
    }

    /** The number of columns. */
    int size() {
        return size;
    }

    String name(int i) {
        return names[i];
    }

    ColumnKind kind(int i) {
        return kinds[i];
    }

    long longValue(int i) {
        return bits[i];
    }

    double doubleValue(int i) {
        return Double.longBitsToDouble(bits[i]);
    }

    boolean booleanValue(int i) {
        return bits[i] != 0;
    }

    Object ref(int i) {
        return refs[i];
    }

    /** The {@code i}-th column in the order added, boxed. */
    Column column(int i) {
        Object value = switch (kinds[i]) {
            case LONG, TIMESTAMP_MICROS, TIMESTAMP_NANOS -> bits[i];
            case DOUBLE -> doubleValue(i);
            case BOOLEAN -> booleanValue(i);
            default -> refs[i];
        };
        return new Column(names[i], kinds[i], value);
    }

    /** The column named {@code name}, or null. */
    public Column column(String name) {
        int i = indexOf(name);
        return i < 0 ? null : column(i);
    }

    /** True when the server assigns the timestamp. */
    public boolean serverTimestamp() {
        return unit == null;
    }

    public long timestamp() {
        return timestamp;
    }

    /** MICROS or NANOS, or null for server time. */
    public ChronoUnit timestampUnit() {
        return unit;
    }
}
