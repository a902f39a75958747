package io.tsconnect.redis.config;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;

import io.tsconnect.common.config.ConfigGroup;

/**
 * Config fragment for the series a task creates and for how samples are batched.
 *
 * @param retentionMs RETENTION of created series; negative sends none (server default)
 * @param duplicatePolicy DUPLICATE_POLICY of created series
 * @param encoding ENCODING of created series
 * @param chunkSizeBytes CHUNK_SIZE of created series; 0 sends none
 * @param ignoreMaxTimeDiffMs IGNORE max time difference; negative sends no IGNORE
 * @param ignoreMaxValueDiff IGNORE max value difference
 * @param alterLabels whether labels of series that already exist are replaced by TS.ALTER
 * @param batchSize the most samples in one TS.MADD
 */
public record SeriesConfig(long retentionMs, DuplicatePolicy duplicatePolicy, SeriesEncoding encoding,
                           long chunkSizeBytes, long ignoreMaxTimeDiffMs, double ignoreMaxValueDiff,
                           boolean alterLabels, int batchSize) {
    public static final String GROUP = "Series and batching";

    public static final String RETENTION_CONFIG = "ts.retention.ms";
    public static final String RETENTION_DOC = "RETENTION of series the connector creates: samples older than this "
        + "relative to the newest are dropped, and writing one is rejected (the record is reported). 0 keeps "
        + "samples forever; -1 sends no RETENTION (the server's default).";
    public static final long RETENTION_DEFAULT = -1L;
    public static final String RETENTION_DISPLAY = "Retention (ms)";

    public static final String DUPLICATE_POLICY_CONFIG = "ts.duplicate.policy";
    public static final String DUPLICATE_POLICY_DOC = "DUPLICATE_POLICY of created series. last (the default) "
        + "makes a replay after a crash idempotent; block rejects duplicates (those records are reported).";
    public static final String DUPLICATE_POLICY_DEFAULT = "last";
    public static final String DUPLICATE_POLICY_DISPLAY = "Duplicate policy";

    public static final String ENCODING_CONFIG = "ts.encoding";
    public static final String ENCODING_DOC = "ENCODING of created series.";
    public static final String ENCODING_DEFAULT = "server_default";
    public static final String ENCODING_DISPLAY = "Encoding";

    public static final String CHUNK_SIZE_CONFIG = "ts.chunk.size.bytes";
    public static final String CHUNK_SIZE_DOC = "CHUNK_SIZE of created series: a multiple of 8 from 48 to 1048576. "
        + "0 sends none (the server's default).";
    public static final long CHUNK_SIZE_DEFAULT = 0L;
    public static final String CHUNK_SIZE_DISPLAY = "Chunk size (bytes)";

    public static final String IGNORE_TIME_CONFIG = "ts.ignore.max.time.diff.ms";
    public static final String IGNORE_TIME_DOC = "IGNORE of created series (RedisTimeSeries 1.12+): with duplicate "
        + "policy last, a sample within this many ms and ts.ignore.max.value.diff of the newest is dropped by the "
        + "server. -1 sends no IGNORE.";
    public static final long IGNORE_TIME_DEFAULT = -1L;
    public static final String IGNORE_TIME_DISPLAY = "Ignore max time diff (ms)";

    public static final String IGNORE_VALUE_CONFIG = "ts.ignore.max.value.diff";
    public static final String IGNORE_VALUE_DOC = "IGNORE max value difference, used with "
        + "ts.ignore.max.time.diff.ms.";
    public static final double IGNORE_VALUE_DEFAULT = 0.0;
    public static final String IGNORE_VALUE_DISPLAY = "Ignore max value diff";

    public static final String ALTER_LABELS_CONFIG = "ts.alter.labels";
    public static final String ALTER_LABELS_DOC = "When a series the task would create already exists, replace its "
        + "labels with the mapped ones (TS.ALTER LABELS), once per series and task. Off: existing series keep "
        + "their labels (as TS.ADD does).";
    public static final String ALTER_LABELS_DISPLAY = "Alter labels of existing series";

    public static final String BATCH_SIZE_CONFIG = "ts.batch.size";
    public static final String BATCH_SIZE_DOC = "The most samples in one TS.MADD. All TS.MADD calls of a batch are "
        + "pipelined, so this bounds a command's size, not the round trips. While both sender threads are busy, "
        + "the task buffers up to ten times this many records before it waits.";
    public static final int BATCH_SIZE_DEFAULT = 1000;
    public static final String BATCH_SIZE_DISPLAY = "Samples per TS.MADD";

    /** Adds the keys to {@code def}. */
    public static ConfigDef update(ConfigDef def) {
        ConfigGroup.of(def, GROUP)
            .define(RETENTION_CONFIG, Type.LONG, RETENTION_DEFAULT, Range.atLeast(-1), Importance.MEDIUM,
                RETENTION_DOC, Width.SHORT, RETENTION_DISPLAY)
            .define(DUPLICATE_POLICY_CONFIG, Type.STRING, DUPLICATE_POLICY_DEFAULT, DuplicatePolicy.VALIDATOR,
                Importance.MEDIUM, DUPLICATE_POLICY_DOC, Width.SHORT, DUPLICATE_POLICY_DISPLAY,
                DuplicatePolicy.RECOMMENDER)
            .define(ENCODING_CONFIG, Type.STRING, ENCODING_DEFAULT, SeriesEncoding.VALIDATOR, Importance.LOW,
                ENCODING_DOC, Width.SHORT, ENCODING_DISPLAY, SeriesEncoding.RECOMMENDER)
            .define(CHUNK_SIZE_CONFIG, Type.LONG, CHUNK_SIZE_DEFAULT, Range.between(0, 1_048_576), Importance.LOW,
                CHUNK_SIZE_DOC, Width.SHORT, CHUNK_SIZE_DISPLAY)
            .define(IGNORE_TIME_CONFIG, Type.LONG, IGNORE_TIME_DEFAULT, Range.atLeast(-1), Importance.LOW,
                IGNORE_TIME_DOC, Width.SHORT, IGNORE_TIME_DISPLAY)
            .define(IGNORE_VALUE_CONFIG, Type.DOUBLE, IGNORE_VALUE_DEFAULT, Range.atLeast(0), Importance.LOW,
                IGNORE_VALUE_DOC, Width.SHORT, IGNORE_VALUE_DISPLAY)
            .define(ALTER_LABELS_CONFIG, Type.BOOLEAN, false, Importance.LOW, ALTER_LABELS_DOC, Width.SHORT,
                ALTER_LABELS_DISPLAY)
            .define(BATCH_SIZE_CONFIG, Type.INT, BATCH_SIZE_DEFAULT, Range.between(1, 100_000), Importance.MEDIUM,
                BATCH_SIZE_DOC, Width.SHORT, BATCH_SIZE_DISPLAY);
        return def;
    }

    /** Reads the fragment. */
    public static SeriesConfig from(AbstractConfig c) {
        return new SeriesConfig(c.getLong(RETENTION_CONFIG),
            DuplicatePolicy.parse(DUPLICATE_POLICY_CONFIG, c.getString(DUPLICATE_POLICY_CONFIG)),
            SeriesEncoding.parse(ENCODING_CONFIG, c.getString(ENCODING_CONFIG)), c.getLong(CHUNK_SIZE_CONFIG),
            c.getLong(IGNORE_TIME_CONFIG), c.getDouble(IGNORE_VALUE_CONFIG), c.getBoolean(ALTER_LABELS_CONFIG),
            c.getInt(BATCH_SIZE_CONFIG));
    }

    /** Checks the chunk size, which the server would otherwise reject on every create. */
    public static void validate(Map<String, ConfigValue> values) {
        ConfigValue chunk = values.get(CHUNK_SIZE_CONFIG);
        if (chunk != null && chunk.value() instanceof Long size && size != 0 && (size < 48 || size % 8 != 0)) {
            chunk.addErrorMessage(CHUNK_SIZE_CONFIG + " must be 0 or a multiple of 8 from 48 to 1048576, got "
                + size);
        }
    }
}
