package io.tsconnect.questdb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;

import io.tsconnect.common.json.FlatJsonObject;
import io.tsconnect.common.record.FieldPath;

/**
 * The JSON fast path ({@code value.format=json}): reads a value that is JSON text (bytes from the
 * ByteArrayConverter, a String from the StringConverter) with Jackson's streaming parser straight into a
 * {@link Row}, without building the Map that JsonConverter would. The columns are exactly those of the Map path
 * with {@code JsonConverter schemas.enable=false}: integers are LONG, other numbers DOUBLE, nested objects are
 * flattened with the same names and depth, and every leaf is typed by the same {@link ValueFlattener#leaf};
 * only what is written as JSON text (arrays, objects deeper than the flatten depth) is materialised, as the
 * HashMap/ArrayList JsonConverter would have produced.
 */
final class JsonRowReader {
    /**
     * One factory per task (one thread): its buffers come from its own one-slot pool instead of Jackson's default
     * thread-local recycler, whose lookup in the Connect task thread's crowded ThreadLocalMap took 13% of the
     * task thread (a concurrent pool still took 3%); doubles are parsed by Jackson's fast (still correctly
     * rounded) parser.
     */
    private final JsonFactory json = JsonFactory.builder()
        .recyclerPool(new OneSlotPool())
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .build();

    /**
     * Keeps the buffers of the last parser closed for the next one. For one thread: a second parser opened
     * while one is open gets fresh buffers, which is still correct.
     */
    private static final class OneSlotPool implements RecyclerPool<BufferRecycler> {
        private static final long serialVersionUID = 1L;
        private transient BufferRecycler kept;

        @Override
        public BufferRecycler acquirePooled() {
            BufferRecycler recycler = kept;
            kept = null;
            return recycler != null ? recycler : new BufferRecycler();
        }

        @Override
        public void releasePooled(BufferRecycler recycler) {
            kept = recycler;
        }
    }

    private final ValueFlattener flattener;
    private final FlatJsonObject flat = new FlatJsonObject();
    private final String separator;
    private final int maxDepth;

    JsonRowReader(ValueFlattener flattener, String separator, int maxDepth) {
        this.flattener = flattener;
        this.separator = separator;
        this.maxDepth = maxDepth;
    }

    /** True for JSON text whose first token is an object, which {@link #addAll} streams. */
    static boolean isObjectText(Object value) {
        if (value instanceof byte[] bytes) {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return b == '{';
                }
            }
        } else if (value instanceof String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return c == '{';
                }
            }
        }
        return false;
    }

    /** True for a value this reader can parse (bytes or a String). */
    static boolean isText(Object value) {
        return value instanceof byte[] || value instanceof String;
    }

    /**
     * Parses a JSON value that is not an object into what JsonConverter would produce (null for empty text).
     *
     * @throws DataException for malformed JSON, naming the record
     */
    Object parse(SinkRecord record) {
        try (JsonParser parser = open(record.value())) {
            return parser.nextToken() == null ? null : value(parser);
        } catch (IOException e) {
            throw malformed(record, e);
        }
    }

    /**
     * Streams the JSON object of {@code record} into {@code row}: columns named with {@code prefix}, the
     * timestamp field (if {@code timestamp} reads one) into the designated timestamp.
     *
     * @throws DataException for malformed JSON (naming the record) or a value that cannot be written
     */
    void addAll(Row row, SinkRecord record, String prefix, Set<String> symbols, TimestampResolver timestamp) {
        String skipPath = timestamp.field() == null ? null : timestamp.field().toString();
        if ((skipPath == null || skipPath.indexOf('.') < 0) && flat.scan(record.value())) {
            addFlat(row, prefix, symbols, timestamp, skipPath);
            return;
        }
        Fields fields = new Fields(row, symbols, timestamp, skipPath);
        try (JsonParser parser = open(record.value())) {
            parser.nextToken();
            object(parser, fields, prefix, null, 0);
        } catch (IOException e) {
            throw malformed(record, e);
        }
        if (fields.skipPath != null && !fields.timestampSeen) {
            timestamp.fromValue(null, row);
        }
    }

    /** The fields of a flat object (see {@link FlatJsonObject}), named and typed as {@link #object} does. */
    private void addFlat(Row row, String prefix, Set<String> symbols, TimestampResolver timestamp, String skipPath) {
        boolean timestampSeen = false;
        for (int i = 0; i < flat.size(); i++) {
            String key = flat.name(i);
            Object value = flat.value(i);
            if (key.equals(skipPath)) {
                timestampSeen = true;
                timestamp.fromValue(value, row);
            } else if (value != null) {
                flattener.leaf(row, prefix.isEmpty() ? key : prefix + key, value, null, symbols);
            }
        }
        if (skipPath != null && !timestampSeen) {
            timestamp.fromValue(null, row);
        }
    }

    /** What one record's object is streamed into. */
    private static final class Fields {
        final Row row;
        final Set<String> symbols;
        final TimestampResolver timestamp;
        final String skipPath;
        boolean timestampSeen;

        Fields(Row row, Set<String> symbols, TimestampResolver timestamp, String skipPath) {
            this.row = row;
            this.symbols = symbols;
            this.timestamp = timestamp;
            this.skipPath = skipPath;
        }
    }

    /** The fields of the object whose START_OBJECT was just read, as ValueFlattener's children() names them. */
    private void object(JsonParser parser, Fields fields, String name, String path, int depth) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken token = parser.nextToken();
            String childPath = path == null ? key : path + "." + key;
            String childName = path == null ? (name.isEmpty() ? key : name + key) : name + separator + key;
            if (childPath.equals(fields.skipPath)) {
                fields.timestampSeen = true;
                fields.timestamp.fromValue(value(parser), fields.row);
            } else if (token == JsonToken.START_OBJECT && depth < maxDepth) {
                object(parser, fields, childName, childPath, depth + 1);
            } else if (token != JsonToken.VALUE_NULL) {
                Object value = value(parser);
                if (fields.skipPath != null && isInside(fields.skipPath, childPath)) {
                    // The timestamp lies inside a value written whole (deeper than the flatten depth).
                    fields.timestampSeen = true;
                    fields.timestamp.fromValue(FieldPath.parse(fields.skipPath.substring(childPath.length() + 1))
                        .get(value), fields.row);
                }
                flattener.leaf(fields.row, childName, value, null, fields.symbols);
            }
        }
    }

    /** True when {@code path} names a field inside {@code parent} ({@code parent.…}). */
    private static boolean isInside(String path, String parent) {
        return path.length() > parent.length() && path.charAt(parent.length()) == '.' && path.startsWith(parent);
    }

    /** The current value as JsonConverter (schemaless) converts it: Long, Double, String, Boolean, List, Map. */
    private static Object value(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue().longValue() : parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                // JsonConverter reads floats as BigDecimal, which has no negative zero.
                double d = parser.getDoubleValue();
                return d == 0.0 ? 0.0 : d;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                return list;
            case START_OBJECT:
                Map<String, Object> map = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, value(parser));
                }
                return map;
            default:
                return null;
        }
    }

    private JsonParser open(Object value) throws IOException {
        return value instanceof byte[] bytes ? json.createParser(bytes) : json.createParser((String) value);
    }

    private static DataException malformed(SinkRecord record, IOException e) {
        String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new DataException("Malformed JSON value of " + RecordIds.of(record) + ": " + detail);
    }
}
