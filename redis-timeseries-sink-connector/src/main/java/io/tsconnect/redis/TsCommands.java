package io.tsconnect.redis;

import java.util.List;
import java.util.Map;

import redis.clients.jedis.Builder;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.args.RawableFactory;
import redis.clients.jedis.timeseries.TimeSeriesProtocol.TimeSeriesCommand;

import io.tsconnect.redis.config.SeriesConfig;
import io.tsconnect.redis.config.SeriesEncoding;

/**
 * The raw RedisTimeSeries commands the sink sends. TS.MADD is built by hand because the typed API turns its
 * reply into a list of longs, losing the per-element errors that tell which sample was rejected and why.
 */
final class TsCommands {
    /** The reply list as is: a {@code Long} per written sample, a {@code JedisDataException} per rejected one. */
    private static final Builder<List<Object>> RAW_LIST = new Builder<>() {
        @Override
        @SuppressWarnings("unchecked")
        public List<Object> build(Object data) {
            return (List<Object>) data;
        }
    };

    private static final Rawable SERVER_CLOCK = RawableFactory.from("*");

    private TsCommands() {
    }

    /** TS.MADD of {@code samples}, which must all hash to one slot in a cluster. */
    static CommandObject<List<Object>> madd(List<Sample> samples) {
        CommandArguments args = new CommandArguments(TimeSeriesCommand.MADD);
        for (Sample s : samples) {
            args.key(s.keyArg());
            if (s.timestamp() == null) {
                args.add(SERVER_CLOCK);
            } else {
                args.add(NumberText.of(s.timestamp().longValue()));
            }
            args.add(NumberText.of(s.value()));
        }
        return new CommandObject<>(args, RAW_LIST);
    }

    /** TS.CREATE with the configured parameters and {@code labels}. */
    static CommandObject<String> create(String key, SeriesConfig series, Map<String, String> labels) {
        CommandArguments args = new CommandArguments(TimeSeriesCommand.CREATE).key(key);
        if (series.retentionMs() >= 0) {
            args.add("RETENTION").add(series.retentionMs());
        }
        if (series.encoding() != SeriesEncoding.SERVER_DEFAULT) {
            args.add("ENCODING").add(series.encoding().name());
        }
        if (series.chunkSizeBytes() > 0) {
            args.add("CHUNK_SIZE").add(series.chunkSizeBytes());
        }
        args.add("DUPLICATE_POLICY").add(series.duplicatePolicy().name());
        if (series.ignoreMaxTimeDiffMs() >= 0) {
            args.add("IGNORE").add(series.ignoreMaxTimeDiffMs()).add(series.ignoreMaxValueDiff());
        }
        addLabels(args, labels);
        return new CommandObject<>(args, BuilderFactory.STRING);
    }

    /** TS.ALTER replacing the labels. */
    static CommandObject<String> alterLabels(String key, Map<String, String> labels) {
        CommandArguments args = new CommandArguments(TimeSeriesCommand.ALTER).key(key);
        addLabels(args, labels);
        return new CommandObject<>(args, BuilderFactory.STRING);
    }

    /** DEL of one key. */
    static CommandObject<Long> del(String key) {
        return new CommandObject<>(new CommandArguments(Protocol.Command.DEL).key(key), BuilderFactory.LONG);
    }

    private static void addLabels(CommandArguments args, Map<String, String> labels) {
        if (!labels.isEmpty()) {
            args.add("LABELS");
            labels.forEach((name, value) -> args.add(name).add(value));
        }
    }
}
