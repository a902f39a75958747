package io.tsconnect.questdb;

import java.math.BigDecimal;

import org.apache.kafka.connect.errors.DataException;

import io.questdb.client.Sender;
import io.questdb.client.cutlass.line.LineSenderException;
import io.questdb.client.std.Decimal256;

/**
 * Appends a {@link Row} to a questdb-client {@link Sender}'s buffer: symbols first (as ILP requires), then the
 * other columns, then the designated timestamp. A row the client rejects (e.g. an unsupported value) is
 * cancelled, so the next row starts clean.
 */
final class RowSender {
    private RowSender() {
    }

    /** @throws DataException when the client rejects the row; the sender's buffer is left as before the row */
    static void write(Sender sender, Row row) {
        try {
            sender.table(row.table());
            int width = row.size();
            for (int i = 0; i < width; i++) {
                Row.Column column = row.column(i);
                if (column.kind() == ColumnKind.SYMBOL) {
                    sender.symbol(column.name(), (String) column.value());
                }
            }
            for (int i = 0; i < width; i++) {
                column(sender, row.column(i));
            }
            if (row.serverTimestamp()) {
                sender.atNow();
            } else {
                sender.at(row.timestamp(), row.timestampUnit());
            }
        } catch (DataException e) {
            cancel(sender);
            throw e;
        } catch (LineSenderException e) {
            cancel(sender);
            throw new DataException("QuestDB client rejected a row of table " + row.table() + ": "
                + e.getMessage());
        }
    }

    private static void column(Sender sender, Row.Column column) {
        String name = column.name();
        Object value = column.value();
        switch (column.kind()) {
            case SYMBOL -> {
            }
            case STRING -> sender.stringColumn(name, (String) value);
            case LONG -> sender.longColumn(name, (Long) value);
            case DOUBLE -> sender.doubleColumn(name, (Double) value);
            case BOOLEAN -> sender.boolColumn(name, (Boolean) value);
            case TIMESTAMP_MICROS -> sender.timestampColumn(name, (Long) value, java.time.temporal.ChronoUnit.MICROS);
            case TIMESTAMP_NANOS -> sender.timestampColumn(name, (Long) value, java.time.temporal.ChronoUnit.NANOS);
            case DECIMAL -> sender.decimalColumn(name, decimal((BigDecimal) value, name));
            case DOUBLE_ARRAY -> sender.doubleArray(name, (double[]) value);
            default -> throw new IllegalStateException(column.kind().name());
        }
    }

    private static Decimal256 decimal(BigDecimal value, String name) {
        try {
            return Decimal256.fromBigDecimal(value);
        } catch (RuntimeException e) {
            throw new DataException("Column '" + name + "' holds a decimal QuestDB cannot store: " + e.getMessage());
        }
    }

    private static void cancel(Sender sender) {
        try {
            sender.cancelRow();
        } catch (LineSenderException ignored) {
            // Nothing of the row was buffered yet (the table name itself was rejected).
        }
    }
}
