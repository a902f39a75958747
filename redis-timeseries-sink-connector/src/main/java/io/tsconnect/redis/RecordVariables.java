package io.tsconnect.redis;

import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.common.record.FieldPath;

/**
 * Resolves key template and label variables for one record: {@code topic}, {@code partition}, {@code key},
 * {@code key.<path>}, {@code header.<name>}, the per-sample names a format sets ({@code metric}, {@code field},
 * {@code measurement}), Telegraf tags, and otherwise a dotted path into the value (or, for a tombstone, into the
 * record key).
 */
public final class RecordVariables {
    private final Map<String, Function<Scope, Object>> compiled = new java.util.concurrent.ConcurrentHashMap<>();

    /** What one variable is resolved against. */
    public record Scope(SinkRecord record, Object value, Map<?, ?> tags, Map<String, String> perSample) {
    }

    /** The value of {@code name} in {@code scope}, or {@code null}. */
    public Object resolve(String name, Scope scope) {
        return resolverOf(name).apply(scope);
    }

    /** What resolves {@code name}, for a caller that resolves the same names for every record. */
    public Function<Scope, Object> resolverOf(String name) {
        return compiled.computeIfAbsent(name, RecordVariables::compile);
    }

    /** A resolver for {@link io.tsconnect.common.Template#render}. */
    public Function<String, Object> resolver(Scope scope) {
        return name -> text(resolve(name, scope));
    }

    /** The text of a resolved value as used in keys and labels. */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    private static Function<Scope, Object> compile(String name) {
        switch (name) {
            case "topic":
                return s -> s.record().topic();
            case "partition":
                return s -> s.record().kafkaPartition();
            case "key":
                return s -> s.record().key();
            default:
                break;
        }
        if (name.startsWith("key.")) {
            FieldPath path = FieldPath.parse(name.substring(4));
            return s -> path.get(s.record().key());
        }
        if (name.startsWith("header.")) {
            String header = name.substring(7);
            return s -> {
                Header h = s.record().headers().lastWithName(header);
                return h == null ? null : h.value();
            };
        }
        FieldPath path = FieldPath.parse(name);
        return s -> {
            String perSample = s.perSample().get(name);
            if (perSample != null) {
                return perSample;
            }
            if (s.tags() != null && s.tags().get(name) != null) {
                return s.tags().get(name);
            }
            return s.value() != null ? path.get(s.value()) : path.get(s.record().key());
        };
    }
}
