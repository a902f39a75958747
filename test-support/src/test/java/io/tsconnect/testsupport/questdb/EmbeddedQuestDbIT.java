package io.tsconnect.testsupport.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The benchmarks poll {@link EmbeddedQuestDb#visibleRows} as their clock: it must say what a query sees. */
class EmbeddedQuestDbIT {
    @Test
    void visibleRowsCountsWhatQueriesSeeAndMinusOneForATableNotThereYet() {
        try (EmbeddedQuestDb db = EmbeddedQuestDb.start()) {
            assertEquals(-1, db.visibleRows("readings"));
            db.exec("CREATE TABLE readings (ts TIMESTAMP, v DOUBLE) TIMESTAMP(ts) PARTITION BY DAY WAL");
            assertEquals(0, db.visibleRows("readings"));
            db.exec("INSERT INTO readings VALUES ('2026-01-01T00:00:00Z', 1.0), ('2026-01-01T00:00:01Z', 2.0), "
                + "('2026-01-02T00:00:00Z', 3.0)");
            db.awaitRowCount("readings", 3, Duration.ofSeconds(30));
            assertEquals(3, db.visibleRows("readings"));
            db.exec("INSERT INTO readings VALUES ('2026-01-03T00:00:00Z', 4.0)");
            db.awaitRowCount("readings", 4, Duration.ofSeconds(30));
            assertEquals(db.rowCount("readings"), db.visibleRows("readings"));
        }
    }
}
