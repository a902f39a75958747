package io.tsconnect.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NumberTextTest {
    private static String text(double v) {
        return new String(NumberText.of(v), StandardCharsets.US_ASCII);
    }

    private static String text(long v) {
        return new String(NumberText.of(v), StandardCharsets.US_ASCII);
    }

    @Test
    void usualReadingsAreTheirShortDecimal() {
        assertEquals("21.53", text(21.53));
        assertEquals("-0.5", text(-0.5));
        assertEquals("1700", text(1700.0));
        assertEquals("0.05", text(0.05));
        assertEquals("0", text(0.0));
        assertEquals("-0.0", text(-0.0));
        assertEquals("123456.000001", text(123456.000001));
    }

    @Test
    void everyDoubleReadsBackAsItself() {
        Random random = new Random(11);
        for (int i = 0; i < 300_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> Math.round(random.nextGaussian() * 1e6) / 100.0;
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                default -> -random.nextInt(1_000_000) / Math.pow(10, random.nextInt(10));
            };
            if (Double.isFinite(v)) {
                assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(text(v))),
                    () -> v + " written as " + text(v));
            }
        }
    }

    @Test
    void timestampsAreTheirDigits() {
        assertEquals("1700000000000", text(1_700_000_000_000L));
        assertEquals("0", text(0L));
        assertEquals("-5", text(-5L));
        assertEquals(Long.toString(Long.MAX_VALUE), text(Long.MAX_VALUE));
        assertEquals(Long.toString(Long.MIN_VALUE), text(Long.MIN_VALUE));
    }
}
