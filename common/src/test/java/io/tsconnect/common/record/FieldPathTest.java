package io.tsconnect.common.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class FieldPathTest {
    @Test
    void readsNestedMapsAndStructsAlike() {
        Schema tags = SchemaBuilder.struct().field("location", Schema.STRING_SCHEMA).build();
        Schema root = SchemaBuilder.struct().field("tags", tags).build();
        Struct struct = new Struct(root).put("tags", new Struct(tags).put("location", "3"));
        FieldPath path = FieldPath.parse("tags.location");
        assertEquals("3", path.get(struct));
        assertEquals("3", path.get(Map.of("tags", Map.of("location", "3"))));
        assertEquals("location", path.leaf());
    }

    @Test
    void absentStepsGiveNull() {
        FieldPath path = FieldPath.parse("a.b");
        assertNull(path.get(Map.of("a", 5)));
        assertNull(path.get(Map.of()));
        assertNull(path.get(null));
    }

    @Test
    void rejectsEmptySegments() {
        assertThrows(IllegalArgumentException.class, () -> FieldPath.parse("a..b"));
        assertThrows(IllegalArgumentException.class, () -> FieldPath.parse(" "));
    }
}
