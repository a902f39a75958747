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
}
