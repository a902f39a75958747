package io.tsconnect.mqtt;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses JSON payloads into Connect data: a {@link Struct} with a schema inferred from the document, or a
 * schemaless {@code Map}/{@code List}/scalar.
 *
 * <p>Inference: strings, booleans, integers (int64) and other numbers (float64) map to optional primitives; objects
 * to optional structs with fields in document order; {@code null} to an optional string. Arrays take their
 * elements' schema when all agree (integers and floats widen to float64); arrays of mixed kinds keep each element
 * as JSON text, so no value is lost.
 */
public final class JsonPayloads {
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };

    private JsonPayloads() {
    }

    /** Parses {@code payload} into a value with an inferred schema. */
    public static SchemaAndValue toStruct(byte[] payload) {
        JsonNode tree = tree(payload);
        try {
            return infer(tree);
        } catch (DataException e) {
            // Valid JSON no Connect schema can describe (an empty field name): the error path, not a failed task.
            throw new UnmappableMessageException("Payload cannot become a Struct: " + e.getMessage(), e);
        }
    }

    /** Parses {@code payload} into schemaless Connect data (Map, List, String, Long, Double, Boolean). */
    public static Object toSchemaless(byte[] payload) {
        try {
            return JSON.readValue(payload, ANY);
        } catch (IOException e) {
            throw new UnmappableMessageException("Payload is not valid JSON: " + firstLine(e), e);
        }
    }

    private static JsonNode tree(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            if (node == null || node.isMissingNode()) {
                throw new UnmappableMessageException("Payload is not valid JSON: no content");
            }
            return node;
        } catch (IOException e) {
            throw new UnmappableMessageException("Payload is not valid JSON: " + firstLine(e), e);
        }
    }

    static SchemaAndValue infer(JsonNode node) {
        if (node.isObject()) {
            return struct(node);
        }
        if (node.isArray()) {
            return array(node);
        }
        if (node.isTextual()) {
            return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, node.textValue());
        }
        if (node.isBoolean()) {
            return new SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, node.booleanValue());
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return new SchemaAndValue(Schema.OPTIONAL_INT64_SCHEMA, node.longValue());
        }
        if (node.isNumber()) {
            return new SchemaAndValue(Schema.OPTIONAL_FLOAT64_SCHEMA, node.doubleValue());
        }
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, null);
    }

    private static SchemaAndValue struct(JsonNode node) {
        SchemaBuilder builder = SchemaBuilder.struct().optional();
        List<Object> values = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            SchemaAndValue child = infer(field.getValue());
            builder.field(field.getKey(), child.schema());
            values.add(child.value());
        }
        Schema schema = builder.build();
        Struct struct = new Struct(schema);
        for (int i = 0; i < values.size(); i++) {
            struct.put(schema.fields().get(i), values.get(i));
        }
        return new SchemaAndValue(schema, struct);
    }

    private static SchemaAndValue array(JsonNode node) {
        List<SchemaAndValue> elements = new ArrayList<>(node.size());
        node.forEach(element -> elements.add(infer(element)));
        Schema common = commonSchema(elements);
        List<Object> values = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            SchemaAndValue e = elements.get(i);
            if (common == Schema.OPTIONAL_FLOAT64_SCHEMA && e.value() instanceof Long l) {
                values.add(l.doubleValue());
            } else if (common == Schema.OPTIONAL_STRING_SCHEMA && e.schema() != Schema.OPTIONAL_STRING_SCHEMA) {
                values.add(node.get(i).toString());
            } else {
                values.add(e.value());
            }
        }
        return new SchemaAndValue(SchemaBuilder.array(common).optional().build(), values);
    }

    /** The one schema all elements share, float64 for mixed numbers, else string (elements kept as JSON text). */
    private static Schema commonSchema(List<SchemaAndValue> elements) {
        Schema common = null;
        boolean allNumbers = true;
        for (SchemaAndValue e : elements) {
            if (e.value() == null) {
                continue;
            }
            Schema s = e.schema();
            allNumbers &= s == Schema.OPTIONAL_INT64_SCHEMA || s == Schema.OPTIONAL_FLOAT64_SCHEMA;
            if (common == null) {
                common = s;
            } else if (!common.equals(s)) {
                common = allNumbers ? Schema.OPTIONAL_FLOAT64_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA;
                if (!allNumbers) {
                    return common;
                }
            }
        }
        return common == null ? Schema.OPTIONAL_STRING_SCHEMA : common;
    }

    /** Where parsing failed, without quoting the payload (payloads stay out of logs above TRACE). */
    private static String firstLine(IOException e) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            return e.getClass().getSimpleName() + " at line " + j.getLocation().getLineNr() + ", column "
                + j.getLocation().getColumnNr();
        }
        return e.getClass().getSimpleName();
    }
}
