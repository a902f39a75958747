package io.tsconnect.questdb.config;

import java.time.Duration;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import io.tsconnect.common.config.ConfigGroup;

/** Config fragment "Flushing": when buffered rows are sent (row count, age of the oldest row, idleness). */
public final class FlushConfig {
    public static final String FLUSH_ROWS_CONFIG = "flush.rows";
    static final String FLUSH_ROWS_DOC = "Flush when this many rows are buffered. Up to three such batches of "
        + "records are held per task (one filling, converted as it fills, and two with QuestDB), so the task's "
        + "memory grows with it; larger batches mean fewer requests and fewer WAL transactions for QuestDB to "
        + "apply (on 2 cores, 50,000 moved about 15% more rows a second than 20,000 on the value.format=json "
        + "fast path and about 5% more with JsonConverter; 75,000, questdb-client's own auto_flush_rows, no more "
        + "than 50,000).";
    static final int FLUSH_ROWS_DEFAULT = 50_000;
    static final String FLUSH_ROWS_DISPLAY = "Flush rows";

    public static final String FLUSH_INTERVAL_CONFIG = "flush.interval.ms";
    static final String FLUSH_INTERVAL_DOC = "Flush when the oldest buffered row is this old, even while "
        + "records keep arriving. This bounds how long a row waits before QuestDB has it (half of it on average "
        + "below flush.rows): 100 ms gives rows visible within about a tenth of a second for ten requests per "
        + "second per task (see docs/BENCHMARKS.md); the default matches questdb-client's auto_flush_interval.";
    static final long FLUSH_INTERVAL_DEFAULT = 1_000L;
    static final String FLUSH_INTERVAL_DISPLAY = "Flush interval (ms)";

    public static final String FLUSH_IDLE_CONFIG = "flush.idle.ms";
    static final String FLUSH_IDLE_DOC = "Flush when no record arrived for this long (the allowed lag of a quiet "
        + "topic).";
    static final long FLUSH_IDLE_DEFAULT = 200L;
    static final String FLUSH_IDLE_DISPLAY = "Idle flush (ms)";

    private final AbstractConfig config;

    FlushConfig(AbstractConfig config) {
        this.config = config;
    }

    /** Adds the flush keys to {@code def} as the group "Flushing". */
    public static ConfigDef update(ConfigDef def) {
        ConfigGroup.of(def, "Flushing")
            .define(FLUSH_ROWS_CONFIG, Type.INT, FLUSH_ROWS_DEFAULT, Range.between(1, 10_000_000),
                Importance.MEDIUM, FLUSH_ROWS_DOC, Width.SHORT, FLUSH_ROWS_DISPLAY)
            .define(FLUSH_INTERVAL_CONFIG, Type.LONG, FLUSH_INTERVAL_DEFAULT, Range.between(1, 3_600_000),
                Importance.MEDIUM, FLUSH_INTERVAL_DOC, Width.SHORT, FLUSH_INTERVAL_DISPLAY)
            .define(FLUSH_IDLE_CONFIG, Type.LONG, FLUSH_IDLE_DEFAULT, Range.between(0, 3_600_000),
                Importance.LOW, FLUSH_IDLE_DOC, Width.SHORT, FLUSH_IDLE_DISPLAY);
        return def;
    }

    public int rows() {
        return config.getInt(FLUSH_ROWS_CONFIG);
    }

    public Duration interval() {
        return Duration.ofMillis(config.getLong(FLUSH_INTERVAL_CONFIG));
    }

    public Duration idle() {
        return Duration.ofMillis(config.getLong(FLUSH_IDLE_CONFIG));
    }
}
