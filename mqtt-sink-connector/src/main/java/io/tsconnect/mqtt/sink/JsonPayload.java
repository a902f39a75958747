package io.tsconnect.mqtt.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes Connect values as JSON straight to bytes with Jackson's streaming generator: Structs (fields in schema
 * order) and Maps as objects, Lists and arrays as arrays, bytes as base64, {@link Date} (Connect's Timestamp, Date
 * and Time) as ISO-8601, Decimals as exact numbers. One instance per task thread: the output buffer is reused.
 */
final class JsonPayload {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /**
     * @throws UnpublishableRecordException for a value of a type JSON cannot represent
     */
    byte[] write(Object value) {
        out.reset();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            write(json, value);
        } catch (IOException e) {
            throw new UnpublishableRecordException("Cannot write the value as JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void struct(JsonGenerator json, Struct struct) throws IOException {
        json.writeStartObject();
        for (Field field : struct.schema().fields()) {
            json.writeFieldName(field.name());
            write(json, struct.get(field));
        }
        json.writeEndObject();
    }

    private static void map(JsonGenerator json, Map<?, ?> map) throws IOException {
        json.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            json.writeFieldName(String.valueOf(e.getKey()));
            write(json, e.getValue());
        }
        json.writeEndObject();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Number n) {
            number(json, n);
        } else if (value instanceof Struct struct) {
            struct(json, struct);
        } else if (value instanceof Map<?, ?> map) {
            map(json, map);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof byte[] bytes) {
            json.writeBinary(bytes);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            json.writeBinary(bytes);
        } else if (value instanceof Date date) {
            json.writeString(date.toInstant().toString());
        } else {
            throw new UnpublishableRecordException("A value of type " + value.getClass().getName()
                + " cannot be written as JSON");
        }
    }

    private static void number(JsonGenerator json, Number n) throws IOException {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            json.writeNumber(n.intValue());
        } else if (n instanceof Long l) {
            json.writeNumber(l);
        } else if (n instanceof Double d) {
            json.writeNumber(d);
        } else if (n instanceof Float f) {
            json.writeNumber(f);
        } else if (n instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (n instanceof BigInteger i) {
            json.writeNumber(i);
        } else {
            json.writeNumber(n.toString());
        }
    }
}
