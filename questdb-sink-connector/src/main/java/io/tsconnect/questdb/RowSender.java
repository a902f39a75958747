package io.tsconnect.questdb;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;

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
                if (row.kind(i) == ColumnKind.SYMBOL) {
                    sender.symbol(row.name(i), (String) row.ref(i));
                }
            }
            for (int i = 0; i < width; i++) {
                column(sender, row, i);
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

    private static void column(Sender sender, Row row, int i) {
        String name = row.name(i);
        switch (row.kind(i)) {
            case SYMBOL -> {
            }
            case STRING -> sender.stringColumn(name, (String) row.ref(i));
            case LONG -> sender.longColumn(name, row.longValue(i));
            case DOUBLE -> sender.doubleColumn(name, row.doubleValue(i));
            case BOOLEAN -> sender.boolColumn(name, row.booleanValue(i));
            case TIMESTAMP_MICROS -> sender.timestampColumn(name, row.longValue(i), ChronoUnit.MICROS);
            case TIMESTAMP_NANOS -> sender.timestampColumn(name, row.longValue(i), ChronoUnit.NANOS);
            case DECIMAL -> sender.decimalColumn(name, decimal((BigDecimal) row.ref(i), name));
            case DOUBLE_ARRAY -> sender.doubleArray(name, (double[]) row.ref(i));
            default -> throw new IllegalStateException(row.kind(i).name());
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
