package io.tsconnect.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class RowTest {

    @Test
    void aSecondColumnOfTheSameNameIsADataErrorInNarrowAndWideRows() {
        for (int width : new int[] {3, 16, 40}) {
            Row row = new Row("t");
            for (int i = 0; i < width; i++) {
                row.add("c" + i, ColumnKind.LONG, (long) i);
            }
            String duplicate = "c" + (width - 2);
            DataException e = assertThrows(DataException.class, () -> row.add(duplicate, ColumnKind.LONG, 0L),
                "a row of " + width + " columns");
            assertEquals("Two fields map to column '" + duplicate + "' of table t", e.getMessage());
            assertEquals(width, row.columns().size(), "the rejected column was not added");
            assertEquals((long) (width - 1), row.column("c" + (width - 1)).value());
        }
    }

    @Test
    void aReusedRowHoldsOnlyTheColumnsAndTimestampOfItsCurrentRecord() {
        Row row = new Row("t");
        row.addDouble("v", 1.5).addLong("n", ColumnKind.LONG, 7).add("s", ColumnKind.SYMBOL, "x")
            .at(10, java.time.temporal.ChronoUnit.MICROS);
        for (int i = 0; i < 20; i++) {
            row.addBoolean("b" + i, i % 2 == 0);
        }
        row.reset("u").addDouble("n", 2.25).addBoolean("v", false);
        assertEquals("u", row.table());
        assertEquals(java.util.List.of(new Row.Column("n", ColumnKind.DOUBLE, 2.25),
            new Row.Column("v", ColumnKind.BOOLEAN, false)), row.columns());
        assertEquals(true, row.serverTimestamp(), "the previous record's timestamp is gone");
        row.addLong("b3", ColumnKind.LONG, 1);
        assertEquals(1L, row.column("b3").value(), "a name of the previous (wide) record is free again");
    }
}
