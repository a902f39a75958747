package io.tsconnect.mqtt.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.common.record.FieldPath;

/**
 * Resolves the variables of topic templates and of the QoS and retain fields against one record: {@code topic},
 * {@code partition}, {@code key}, {@code key.<path>}, {@code header.<name>}, and otherwise a dotted path into the
 * value (into the key for a tombstone, whose value has no fields). Each name is compiled once.
 */
public final class RecordFields {
    private final Map<String, Function<SinkRecord, Object>> compiled = new ConcurrentHashMap<>();

    /**
     * Checks that {@code name} can be resolved (a valid path).
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void check(String name) {
        compile(name);
    }

    /** The value of {@code name} for {@code record}, or {@code null} when the record has none. */
    public Object resolve(String name, SinkRecord record) {
        return compiled.computeIfAbsent(name, RecordFields::compile).apply(record);
    }

    /** A resolved value as text: bytes as UTF-8, everything else by {@code toString()}; {@code null} stays null. */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        return value.toString();
    }

    private static Function<SinkRecord, Object> compile(String name) {
        switch (name) {
            case "topic":
                return SinkRecord::topic;
            case "partition":
                return SinkRecord::kafkaPartition;
            case "key":
                return SinkRecord::key;
            default:
                break;
        }
        if (name.startsWith("key.")) {
            FieldPath path = FieldPath.parse(name.substring(4));
            return r -> path.get(r.key());
        }
        if (name.startsWith("header.")) {
            String header = name.substring(7);
            if (header.isEmpty()) {
                throw new IllegalArgumentException("'" + name + "' names no header");
            }
            return r -> {
                Header h = r.headers().lastWithName(header);
                return h == null ? null : h.value();
            };
        }
        FieldPath path = FieldPath.parse(name);
        return r -> path.get(r.value() != null ? r.value() : r.key());
    }
}
