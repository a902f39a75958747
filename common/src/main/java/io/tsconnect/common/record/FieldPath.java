package io.tsconnect.common.record;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A dotted path such as {@code tags.location} into a record value that is a Connect {@link Struct} or a
 * schemaless {@link Map}, parsed once and applied per record.
 */
public final class FieldPath {
    private static final Pattern DOT = Pattern.compile("\\.");
    private final String path;
    private final List<String> parts;

    private FieldPath(String path) {
        this.path = path;
        // Interned, as FlatJsonObject's field names are: a field found by identity needs no comparison of text.
        this.parts = Arrays.stream(DOT.split(path, -1)).map(String::intern).toList();
    }

    /** Parses {@code path}; an empty segment (e.g. {@code a..b}) is rejected. */
    public static FieldPath parse(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("A field path cannot be empty");
        }
        FieldPath parsed = new FieldPath(path.trim());
        if (parsed.parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("Empty segment in field path '" + path + "'");
        }
        return parsed;
    }

    /** The value at this path, or {@code null} when any step is absent or not a Struct/Map. */
    public Object get(Object value) {
        Object current = value;
        // Indexed: called for every record, and the list's iterator showed up in a sink's profile.
        for (int i = 0; i < parts.size(); i++) {
            current = child(current, parts.get(i));
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The value of field {@code name} of a Struct or Map, or {@code null}. */
    public static Object child(Object container, String name) {
        if (container instanceof Struct struct) {
            Field field = struct.schema().field(name);
            return field == null ? null : struct.get(field);
        }
        if (container instanceof Map<?, ?> map) {
            return map.get(name);
        }
        return null;
    }

    /** The last segment, which is how the field is usually named in output (a label, a column). */
    public String leaf() {
        return parts.get(parts.size() - 1);
    }

    @Override
    public String toString() {
        return path;
    }
}
