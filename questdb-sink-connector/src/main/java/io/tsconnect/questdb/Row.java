package io.tsconnect.questdb;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.errors.DataException;

/**
 * One QuestDB row converted from one record, before it touches the ILP buffer: the table, the columns and the
 * designated timestamp. Converting fully first means a record that fails conversion never leaves half a row
 * (or its timestamp) behind in the sender for the next record.
 */
public final class Row {
    private final String table;
    /** Up to this many columns a duplicate name is found by scanning; wider rows keep a set of names. */
    private static final int SCAN_LIMIT = 16;
    private final List<Column> columns = new ArrayList<>();
    private Set<String> names;
    private long timestamp;
    private ChronoUnit unit;

    /** Starts a row of {@code table}; without {@link #at} it is stamped with the server's time. */
    public Row(String table) {
        this.table = table;
    }

    /**
     * One column value.
     *
     * @param name the (sanitised) column name
     * @param kind how the value is sent
     * @param value a String, Long, Double, Boolean, BigDecimal, Long (timestamps) or double[]
     */
    public record Column(String name, ColumnKind kind, Object value) {
    }

    /** Adds a column; a second column of the same name is a data error (QuestDB would reject the row). */
    public Row add(String name, ColumnKind kind, Object value) {
        if (columns.size() == SCAN_LIMIT) {
            names = new HashSet<>();
            columns.forEach(c -> names.add(c.name()));
        }
        if (names != null ? !names.add(name) : column(name) != null) {
            throw new DataException("Two fields map to column '" + name + "' of table " + table);
        }
        columns.add(new Column(name, kind, value));
        return this;
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

    public List<Column> columns() {
        return Collections.unmodifiableList(columns);
    }

    /** The number of columns (with {@link #column(int)}: the sender's allocation-free walk). */
    int size() {
        return columns.size();
    }

    /** The {@code i}-th column in the order added. */
    Column column(int i) {
        return columns.get(i);
    }

    /** The column named {@code name}, or null. */
    public Column column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return columns.get(i);
            }
        }
        return null;
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
