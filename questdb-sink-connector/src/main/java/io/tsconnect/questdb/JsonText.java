package io.tsconnect.questdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes values that have no native QuestDB type (nested records, string arrays) as JSON text columns. */
final class JsonText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            throw new DataException("Cannot write value as JSON", e);
        }
    }

    /** Structs to maps, bytes to base64, dates to ISO-8601: what Jackson can write. */
    private static Object plain(Object value) {
        if (value instanceof Struct struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                map.put(field.name(), plain(struct.get(field)));
            }
            return map;
        } else if (value instanceof Map<?, ?> source) {
            Map<String, Object> map = new LinkedHashMap<>();
            source.forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
            return map;
        } else if (value instanceof List<?> source) {
            List<Object> list = new ArrayList<>(source.size());
            source.forEach(v -> list.add(plain(v)));
            return list;
        } else if (value instanceof byte[] raw) {
            return Base64.getEncoder().encodeToString(raw);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] raw = new byte[buffer.remaining()];
            buffer.duplicate().get(raw);
            return Base64.getEncoder().encodeToString(raw);
        } else if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        return value;
    }
}
