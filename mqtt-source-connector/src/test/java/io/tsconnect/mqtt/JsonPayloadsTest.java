package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class JsonPayloadsTest {

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void objectBecomesStructWithInferredSchemaInDocumentOrder() {
        SchemaAndValue sv = JsonPayloads.toStruct(json(
            "{\"metric\":\"temp\",\"value\":20.4,\"count\":3,\"ok\":true,\"tags\":{\"room\":\"k\"},\"none\":null}"));
        Struct struct = (Struct) sv.value();
        struct.validate();
        assertEquals(List.of("metric", "value", "count", "ok", "tags", "none"),
            sv.schema().fields().stream().map(f -> f.name()).toList());
        assertEquals(Schema.Type.FLOAT64, sv.schema().field("value").schema().type());
        assertEquals(Schema.Type.INT64, sv.schema().field("count").schema().type());
        assertEquals(20.4, struct.getFloat64("value"));
        assertEquals(3L, struct.getInt64("count"));
        assertTrue(struct.getBoolean("ok"));
        assertEquals("k", struct.getStruct("tags").getString("room"));
        assertNull(struct.get("none"));
        assertTrue(sv.schema().isOptional());
    }

    @Test
    void anEmptyFieldNameIsAnUnmappableMessageNotAFailedTask() {
        UnmappableMessageException e = assertThrows(UnmappableMessageException.class,
            () -> JsonPayloads.toStruct(json("{\"ok\":1,\"nested\":{\"\":2}}")));
        assertTrue(e.getMessage().contains("cannot become a Struct"), e.getMessage());
    }

    @Test
    void sameShapeGivesEqualSchemas() {
        assertEquals(JsonPayloads.toStruct(json("{\"a\":1,\"b\":\"x\"}")).schema(),
            JsonPayloads.toStruct(json("{\"a\":2,\"b\":\"y\"}")).schema());
    }

    @Test
    void arraysWidenNumbersAndKeepMixedKindsAsJsonText() {
        Struct s = (Struct) JsonPayloads.toStruct(json("{\"n\":[1,2.5],\"m\":[1,\"a\",{\"b\":2}],\"e\":[]}")).value();
        assertEquals(List.of(1.0, 2.5), s.getArray("n"));
        assertEquals(List.of("1", "a", "{\"b\":2}"), s.getArray("m"));
        assertEquals(List.of(), s.getArray("e"));
    }

    @Test
    void arraysOfObjectsWithTheSameShape() {
        Struct s = (Struct) JsonPayloads.toStruct(json("{\"r\":[{\"v\":1},{\"v\":2}]}")).value();
        List<Object> rows = s.getArray("r");
        assertEquals(2L, ((Struct) rows.get(1)).getInt64("v"));
    }

    @Test
    void scalarDocumentsKeepTheirType() {
        assertEquals(42L, JsonPayloads.toStruct(json("42")).value());
        assertEquals("x", JsonPayloads.toStruct(json("\"x\"")).value());
    }

    @Test
    void schemalessGivesMapsAndLongs() {
        Object value = JsonPayloads.toSchemaless(json("{\"device\":\"2\",\"value\":20.4,\"n\":7}"));
        assertEquals(Map.of("device", "2", "value", 20.4, "n", 7L), value);
    }

    @Test
    void invalidJsonIsUnmappableWithoutQuotingThePayload() {
        UnmappableMessageException e = assertThrows(UnmappableMessageException.class,
            () -> JsonPayloads.toStruct(json("{\"secret\": oops")));
        assertFalse(e.getMessage().contains("oops"), e.getMessage());
        assertThrows(UnmappableMessageException.class, () -> JsonPayloads.toSchemaless(json("{} trailing")));
        assertThrows(UnmappableMessageException.class, () -> JsonPayloads.toStruct(json("   ")));
    }
}
