package io.tsconnect.redis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;

import io.tsconnect.common.json.FlatJsonObject;

/**
 * The JSON fast path ({@code value.format=json}): reads a value that is JSON text (bytes from the
 * ByteArrayConverter, a String from the StringConverter) with Jackson's streaming parser into what JsonConverter
 * with {@code schemas.enable=false} would have produced (integers Long, other numbers Double, objects Maps, arrays
 * Lists), but of an object only the top-level fields the mapping reads; the others are skipped unparsed. The
 * {@link RecordMapper} then maps it as it maps a converted value, so both paths give the same samples. The usual
 * flat object of scalars is read by a {@link FlatJsonObject} without Jackson, into a {@link FieldArray}; anything
 * else by Jackson.
 *
 * <p>One instance per thread: the parser buffers are kept in a one-slot pool instead of Jackson's thread-local
 * recycler, whose lookup in a Connect thread's crowded ThreadLocalMap is costly.
 */
final class JsonValueReader {
    private final JsonFactory json = JsonFactory.builder()
        .recyclerPool(new OneSlotPool())
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .build();
    private final Set<String> fields;
    private final FlatJsonObject flat = new FlatJsonObject();
    /** Per field position, the name seen there last (the same instance while records repeat their fields). */
    private final String[] lastNames = new String[FlatJsonObject.MAX_FIELDS];
    private final boolean[] lastWanted = new boolean[FlatJsonObject.MAX_FIELDS];

    /**
     * @param fields the top-level fields to read, or {@code null} for every field
     */
    JsonValueReader(Set<String> fields) {
        this.fields = fields == null ? null : Set.copyOf(fields);
    }

    /** True for a value this reader parses (bytes or a String). */
    static boolean isText(Object value) {
        return value instanceof byte[] || value instanceof String;
    }

    /**
     * The value of JSON {@code text}: {@code null} for empty text or JSON null (a tombstone, as with
     * JsonConverter), a Map of the wanted fields for an object, else the scalar or list.
     *
     * @throws MappingException for malformed JSON
     */
    Object read(Object text) {
        if (flat.scan(text)) {
            String[] names = new String[flat.size()];
            Object[] values = new Object[flat.size()];
            int kept = 0;
            for (int i = 0; i < flat.size(); i++) {
                String name = flat.name(i);
                if (wanted(i, name)) {
                    names[kept] = name;
                    values[kept++] = flat.value(i);
                }
            }
            return new FieldArray(names, values, kept);
        }
        try (JsonParser parser = text instanceof byte[] bytes ? json.createParser(bytes)
            : json.createParser((String) text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            if (first != JsonToken.START_OBJECT || fields == null) {
                return value(parser);
            }
            Map<String, Object> out = new HashMap<>(16);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (fields.contains(name)) {
                    out.put(name, value(parser));
                } else {
                    parser.skipChildren();
                }
            }
            return out;
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new MappingException("Malformed JSON value: " + detail, false);
        }
    }

    /** Whether field {@code name}, at position {@code i}, is read: looked up only when the name there changed. */
    private boolean wanted(int i, String name) {
        if (lastNames[i] != name) {
            lastNames[i] = name;
            lastWanted[i] = fields == null || fields.contains(name);
        }
        return lastWanted[i];
    }

    /** The current value as JsonConverter (schemaless) converts it. */
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
                Map<String, Object> map = new LinkedHashMap<>();
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

    /** Keeps the buffers of the last parser closed for the next one (one thread). */
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
}
