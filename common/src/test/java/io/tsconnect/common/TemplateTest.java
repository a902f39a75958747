package io.tsconnect.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void rendersSeriesKeyFromRecordFields() {
        Template t = Template.parse("${metric}:${location}:${device}");
        assertEquals("temp:3:2", t.render(Map.of("metric", "temp", "location", "3", "device", 2)::get));
        assertEquals(Set.of("metric", "location", "device"), t.variables());
    }

    @Test
    void constantTemplateNeedsNoValues() {
        Template t = Template.parse("device-readings");
        assertTrue(t.isConstant());
        assertEquals("device-readings", t.render(name -> null));
    }

    @Test
    void aDefaultStandsInForAMissingValueOnly() {
        Template t = Template.parse("${metric}:${edge_node}:${device:-node}");
        assertEquals(Set.of("metric", "edge_node", "device"), t.variables());
        assertEquals("rpm:line1:press", t.render(Map.of("metric", "rpm", "edge_node", "line1", "device", "press")::get));
        assertEquals("bdSeq:line1:node", t.render(Map.of("metric", "bdSeq", "edge_node", "line1")::get));
        assertEquals("a-", Template.parse("a-${x:-}").render(name -> null), "an empty default renders nothing");
        var e = assertThrows(Template.MissingVariableException.class, () -> t.render(Map.of("device", "d")::get));
        assertEquals("metric", e.variable(), "variables without a default are still required");
    }

    @Test
    void doubleDollarIsALiteralDollar() {
        assertEquals("cost$:eu", Template.parse("cost$$:${r}").render(Map.of("r", "eu")::get));
    }

    @Test
    void literalsAreTheTextAroundPlaceholders() {
        assertEquals(java.util.List.of("a$.", "", ""), Template.parse("a$$.${x}${y}").literals());
        assertEquals(java.util.List.of("plain"), Template.parse("plain").literals());
    }

    @Test
    void missingValueNamesTheVariable() {
        var e = assertThrows(Template.MissingVariableException.class,
            () -> Template.parse("iot.${device}").render(name -> null));
        assertEquals("device", e.variable());
    }

    @Test
    void unclosedPlaceholderIsRejectedWithPosition() {
        var e = assertThrows(IllegalArgumentException.class, () -> Template.parse("a.${b"));
        assertTrue(e.getMessage().contains("position 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Template.parse("a.${ }"));
    }
}
