package io.tsconnect.redis;

import java.nio.charset.StandardCharsets;

/**
 * Timestamps and sample values as the ASCII text of a command argument, written straight into bytes. A value is
 * written as the shortest decimal with at most {@value #MAX_DECIMALS} decimals that reads back as exactly the same
 * double (proved by one correctly rounded division, below 2^53), which covers the usual readings (21.53, 1700, -0.5)
 * without {@link Double#toString}; any other value is written by it.
 */
final class NumberText {
    static final int MAX_DECIMALS = 9;
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final double MAX_EXACT = 0x1p53;
    private static final byte[] NEGATIVE_ZERO = "-0.0".getBytes(StandardCharsets.US_ASCII);

    private NumberText() {
    }

    /** The decimal text of {@code value}. */
    static byte[] of(long value) {
        return digits(value, 0);
    }

    /** A decimal text that RedisTimeSeries reads as exactly {@code value} (finite). */
    static byte[] of(double value) {
        if (Double.doubleToRawLongBits(value) == Long.MIN_VALUE) {
            return NEGATIVE_ZERO.clone();
        }
        for (int decimals = 0; decimals <= MAX_DECIMALS; decimals++) {
            double scaled = value * POWERS_OF_TEN[decimals];
            if (Math.abs(scaled) >= MAX_EXACT) {
                break;
            }
            long units = Math.round(scaled);
            if (units / POWERS_OF_TEN[decimals] == value) {
                return digits(units, decimals);
            }
        }
        return Double.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code units × 10^-decimals} as text: digits with a point before the last {@code decimals} of them. */
    private static byte[] digits(long units, int decimals) {
        boolean negative = units < 0;
        if (units == Long.MIN_VALUE) {
            return Long.toString(units).getBytes(StandardCharsets.US_ASCII);
        }
        long magnitude = Math.abs(units);
        int length = Math.max(digitCount(magnitude), decimals + 1);
        byte[] out = new byte[(negative ? 1 : 0) + length + (decimals > 0 ? 1 : 0)];
        int at = out.length;
        for (int i = 0; i < length; i++) {
            if (decimals > 0 && i == decimals) {
                out[--at] = '.';
            }
            out[--at] = (byte) ('0' + magnitude % 10);
            magnitude /= 10;
        }
        if (negative) {
            out[0] = '-';
        }
        return out;
    }

    private static int digitCount(long magnitude) {
        int count = 1;
        for (long v = magnitude; v >= 10; v /= 10) {
            count++;
        }
        return count;
    }
}
