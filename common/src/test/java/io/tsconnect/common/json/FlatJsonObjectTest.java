package io.tsconnect.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatJsonObjectTest {
    private final FlatJsonObject flat = new FlatJsonObject();

    private Map<String, Object> read(String json) {
        assertTrue(flat.scan(json.getBytes(StandardCharsets.UTF_8)), json);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < flat.size(); i++) {
            fields.put(flat.name(i), flat.value(i));
        }
        return fields;
    }

    @Test
    void aFlatObjectGivesTheValuesJsonConverterWould() {
        Map<String, Object> f = read(" {\"metric\" : \"temp\",\"value\":21.53,\"n\":-42,\"ok\":true,\"off\":false,"
            + "\"none\":null,\"ts\":1700000000000,\"e\":1e3,\"z\":-0.0,\"zi\":-0,\"small\":0.05}\r\n");
        assertEquals("temp", f.get("metric"));
        assertEquals(21.53, f.get("value"));
        assertEquals(-42L, f.get("n"));
        assertEquals(Boolean.TRUE, f.get("ok"));
        assertEquals(Boolean.FALSE, f.get("off"));
        assertTrue(f.containsKey("none"));
        assertNull(f.get("none"));
        assertEquals(1_700_000_000_000L, f.get("ts"));
        assertEquals(1000.0, f.get("e"));
        assertEquals(0.0, f.get("z"), "no negative zero, as JsonConverter's BigDecimal");
        assertEquals(1.0 / 0.0, 1.0 / (Double) f.get("z"));
        assertEquals(0L, f.get("zi"));
        assertEquals(0.05, f.get("small"));
        assertEquals(Map.of(), read("{ }"));
    }

    @Test
    void everyDecimalIsTheCorrectlyRoundedDouble() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            String number = randomNumber(random);
            Object value = read("{\"v\":" + number + "}").get("v");
            assertEquals(Double.parseDouble(number) == 0.0 ? 0.0 : Double.parseDouble(number), value, number);
        }
    }

    private static String randomNumber(Random random) {
        StringBuilder s = new StringBuilder();
        if (random.nextBoolean()) {
            s.append('-');
        }
        int intDigits = 1 + random.nextInt(10);
        s.append(1 + random.nextInt(9));
        for (int d = 1; d < intDigits; d++) {
            s.append(random.nextInt(10));
        }
        s.append('.');
        for (int d = 0, n = 1 + random.nextInt(18 - intDigits); d < n; d++) {
            s.append(random.nextInt(10));
        }
        if (random.nextInt(4) == 0) {
            s.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "+")
                .append(random.nextInt(330));
        }
        return s.toString();
    }

    @Test
    void integersUpTo18DigitsAreLongs() {
        assertEquals(999_999_999_999_999_999L, read("{\"v\":999999999999999999}").get("v"));
        assertEquals(-123_456_789_012_345_678L, read("{\"v\":-123456789012345678}").get("v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "[1]", "\"text\"", "42", "{\"a\":{\"b\":1}}", "{\"a\":[1]}", "{\"a\":\"x\\\"y\"}",
        "{\"a\\n\":1}", "{\"a\":\"caf\u00e9\"}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":01}", "{\"a\":1.}",
        "{\"a\":-}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":1", "{\"a\":\"x",
        "{\"a\":1}x", "{\"a\":1 \"b\":2}", "{a:1}", "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":1234567890123456789}",
        "{\"a\":0.1234567890123456789}", "{\"a\":\"tab\tin\"}", "{\"a\":1e123456}"})
    void anythingElseIsLeftToTheGeneralParser(String json) {
        assertFalse(flat.scan(json.getBytes(StandardCharsets.UTF_8)), json);
        assertFalse(flat.scan(json), json);
    }

    @Test
    void moreFieldsThanTheLimitAreLeftToTheGeneralParser() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i <= FlatJsonObject.MAX_FIELDS; i++) {
            s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"f%d\":%d", i, i));
        }
        assertFalse(flat.scan(s.append('}').toString()));
    }

    @Test
    void aStringValueIsReadAsItsBytesAreAndNonAsciiIsLeftToTheGeneralParser() {
        assertTrue(flat.scan("{\"device\":\"pump-7\"}"));
        assertEquals("pump-7", flat.value(0));
        assertFalse(flat.scan("{\"device\":\"pump-\u00e9\"}"));
        assertFalse(flat.scan(42));
    }

    @Test
    void namesAreTheSameInstancesWhileRecordsRepeatTheirFields() {
        read("{\"metric\":\"a\",\"value\":1}");
        String metric = flat.name(0);
        String value = flat.name(1);
        read("{\"metric\":\"b\",\"value\":2}");
        assertSame(metric, flat.name(0));
        assertSame(value, flat.name(1));
        read("{\"value\":3,\"metric\":\"c\"}");
        assertEquals("value", flat.name(0));
        assertEquals("metric", flat.name(1));
        assertEquals(3L, flat.value(0));
    }

    @Test
    void shortStringValuesSeenBeforeAreTheSameInstancesAndNeverAnotherValue() {
        read("{\"device\":\"pump-7\",\"location\":\"hall\"}");
        String pump = (String) flat.value(0);
        String hall = (String) flat.value(1);
        read("{\"location\":\"hall\",\"device\":\"pump-8\"}");
        assertSame(hall, flat.value(0), "the same bytes in another position");
        assertEquals("pump-8", flat.value(1));
        // Enough distinct values to fill every slot: each still reads as its own text.
        for (int i = 0; i < 5_000; i++) {
            read("{\"device\":\"d" + i + "\"}");
            assertEquals("d" + i, flat.value(0));
        }
        read("{\"device\":\"pump-7\"}");
        assertEquals(pump, flat.value(0));
        String longText = "x".repeat(33);
        read("{\"note\":\"" + longText + "\"}");
        assertEquals(longText, flat.value(0));
    }

    @Test
    void aNameSeenBeforeMatchesOnlyTheWholeName() {
        read("{\"metric\":1}");
        assertEquals("metrics", read("{\"metrics\":2}").keySet().iterator().next());
        assertEquals("metri", read("{\"metri\":3}").keySet().iterator().next());
        read("{\"metric\":1}");
        assertEquals(Map.of("metric", 4L), read("{\"metric\" : 4}"));
        assertFalse(flat.scan("{\"metric\\\"\":5}"), "an escaped quote after the seen name");
        assertFalse(flat.scan("{\"metric"), "the text ends in the name");
    }

    @Test
    void stringsOfAnyLengthAreReadWholeAndASpecialCharacterAnywhereInThemIsFound() {
        for (int length = 0; length <= 40; length++) {
            String text = "abcdefghijklmnopqrstuvwxyz0123456789-_. ".substring(0, length);
            assertEquals(text, read("{\"s\":\"" + text + "\",\"n\":1}").get("s"));
            for (int at = 0; at < length; at++) {
                for (String special : List.of("\\n", "\\\"", "\t", "\u0001", "\u00e9", "\u007f")) {
                    String json = "{\"s\":\"" + text.substring(0, at) + special + text.substring(at) + "\"}";
                    boolean plain = special.equals("\u007f"); // DEL is ASCII, not a control character in JSON
                    assertEquals(plain, flat.scan(json.getBytes(StandardCharsets.UTF_8)), json);
                }
            }
        }
    }

    @Test
    void fieldNamesAreTheInternedStringsAFieldPathLooksUp() {
        read("{\"met" + "ric\":1}");
        assertSame("metric", flat.name(0), "the literal is interned: a map lookup by it ends on identity");
    }
}
