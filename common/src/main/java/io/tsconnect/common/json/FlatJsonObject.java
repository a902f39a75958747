package io.tsconnect.common.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the common shape of a JSON record value without a general parser: one object of scalar fields with ASCII
 * names and strings and no escapes, e.g. {@code {"metric":"temp","value":21.5,"timestamp":1700000000000}}.
 * Anything else (a nested object or array, an escape or a non-ASCII character, a number of more than 18 digits,
 * malformed text) makes {@link #scan} answer {@code false}, and the caller reads that value with its general
 * parser, which also decides what is malformed. So the values read here are always those JsonConverter
 * ({@code schemas.enable=false}) would give: integers {@code Long}, other numbers {@code Double} (correctly
 * rounded, no negative zero), {@code String}, {@code Boolean}, and {@code null} for JSON null.
 *
 * <p>Not thread-safe: one per thread, reused from record to record. Field names are interned Strings, and while a
 * topic's records repeat their fields in the same order, {@link #name} finds them without making a String, and
 * so does {@link #value} for short string values seen before.
 */
public final class FlatJsonObject {
    /** Objects with more fields than this are left to the general parser. */
    public static final int MAX_FIELDS = 64;
    private static final Object NOT_FLAT = new Object();
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22};
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** Not an exponent this reader takes (no digit, or more than 5: up to 99999, so it cannot be a real one). */
    private static final int BAD_EXPONENT = Integer.MIN_VALUE;
    /** String values up to this many bytes are looked up among those seen before (a power of two slots). */
    private static final int MAX_SEEN_TEXT = 32;
    private static final int TEXT_SLOTS = 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private final String[] names = new String[MAX_FIELDS];
    private final Object[] values = new Object[MAX_FIELDS];
    private final byte[][] seenNameBytes = new byte[MAX_FIELDS][];
    private final String[] seenNames = new String[MAX_FIELDS];
    /** Short string values last seen, by a hash of their bytes (direct-mapped: a clash replaces). */
    private final byte[][] seenTextBytes = new byte[TEXT_SLOTS][];
    private final String[] seenTexts = new String[TEXT_SLOTS];
    private byte[] chars = new byte[256];
    private byte[] in;
    private int pos;
    private int end;
    private int size;

    /**
     * Scans JSON text given as UTF-8 bytes or a String.
     *
     * @return true when it is a flat object, whose fields are then {@link #name}/{@link #value} 0 to
     *     {@link #size}; false when the caller must use a general parser
     */
    public boolean scan(Object text) {
        if (text instanceof byte[] bytes) {
            return scan(bytes, bytes.length);
        }
        if (text instanceof String s) {
            int length = s.length();
            if (chars.length < length) {
                chars = new byte[Math.max(length, chars.length * 2)];
            }
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                chars[i] = (byte) c;
            }
            return scan(chars, length);
        }
        return false;
    }

    /** The number of fields scanned. */
    public int size() {
        return size;
    }

    /** The name of field {@code i}. */
    public String name(int i) {
        return names[i];
    }

    /** The value of field {@code i}: Long, Double, String, Boolean or null. */
    public Object value(int i) {
        return values[i];
    }

    private boolean scan(byte[] text, int length) {
        in = text;
        pos = 0;
        end = length;
        size = 0;
        skipWhitespace();
        if (!take('{')) {
            return false;
        }
        skipWhitespace();
        if (take('}')) {
            return onlyWhitespaceLeft();
        }
        while (size < MAX_FIELDS) {
            if (!field()) {
                return false;
            }
            skipWhitespace();
            if (take('}')) {
                return onlyWhitespaceLeft();
            }
            if (!take(',')) {
                return false;
            }
            skipWhitespace();
        }
        return false;
    }

    /** One {@code "name": value}; the position is at its opening quote. */
    private boolean field() {
        if (!take('"')) {
            return false;
        }
        int start = pos;
        String name = seenName(size, start);
        if (name == null) {
            if (!skipString()) {
                return false;
            }
            name = name(size, start, pos - 1);
        }
        skipWhitespace();
        if (!take(':')) {
            return false;
        }
        skipWhitespace();
        Object value = value();
        if (value == NOT_FLAT) {
            return false;
        }
        names[size] = name;
        values[size] = value;
        size++;
        return true;
    }

    /**
     * The name of field {@code index} last time if the text at {@code start} is that name and its closing quote
     * (then the position moves past the quote), else null. A seen name has no quote or escape in it, so its bytes
     * and a quote are the whole string.
     */
    private String seenName(int index, int start) {
        byte[] seen = seenNameBytes[index];
        if (seen == null) {
            return null;
        }
        int stop = start + seen.length;
        if (stop >= end || in[stop] != '"' || !sameBytes(seen, start)) {
            return null;
        }
        pos = stop + 1;
        return seenNames[index];
    }

    /** Whether the text at {@code start} begins with {@code bytes} (a plain loop: they are short). */
    private boolean sameBytes(byte[] bytes, int start) {
        for (int i = 0; i < bytes.length; i++) {
            if (in[start + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** The name at {@code in[start, nameEnd)}, remembered for field {@code index}. */
    private String name(int index, int start, int nameEnd) {
        // Interned: a FieldPath's names are too, so a lookup by name ends on an identity match.
        String name = new String(in, start, nameEnd - start, StandardCharsets.ISO_8859_1).intern();
        seenNameBytes[index] = Arrays.copyOfRange(in, start, nameEnd);
        seenNames[index] = name;
        return name;
    }

    private Object value() {
        if (pos >= end) {
            return NOT_FLAT;
        }
        byte b = in[pos];
        if (b == '"') {
            int start = ++pos;
            return skipString() ? text(start, pos - 1) : NOT_FLAT;
        }
        if (b == '-' || (b >= '0' && b <= '9')) {
            return number();
        }
        if (literal("true")) {
            return Boolean.TRUE;
        }
        if (literal("false")) {
            return Boolean.FALSE;
        }
        return literal("null") ? null : NOT_FLAT;
    }

    /**
     * The String of {@code in[start, stop)}: for a short one, the instance returned last time for the same bytes.
     * Values such as a metric, location or device name repeat record after record, so most need no new String,
     * and the one they get has its hash already computed for the maps downstream.
     */
    private String text(int start, int stop) {
        int length = stop - start;
        if (length > MAX_SEEN_TEXT) {
            return new String(in, start, length, StandardCharsets.ISO_8859_1);
        }
        int hash = length;
        for (int i = start; i < stop; i++) {
            hash = 31 * hash + in[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (TEXT_SLOTS - 1);
        byte[] seen = seenTextBytes[slot];
        if (seen != null && seen.length == length && sameBytes(seen, start)) {
            return seenTexts[slot];
        }
        String text = new String(in, start, length, StandardCharsets.ISO_8859_1);
        seenTextBytes[slot] = Arrays.copyOfRange(in, start, stop);
        seenTexts[slot] = text;
        return text;
    }

    /** Moves past the closing quote of a string of printable ASCII without escapes; false for anything else. */
    private boolean skipString() {
        // eight bytes at a time while none of them is a quote, a backslash, a control character or non-ASCII
        while (pos + Long.BYTES <= end && !hasSpecialByte((long) LONGS.get(in, pos))) {
            pos += Long.BYTES;
        }
        while (pos < end) {
            byte b = in[pos++];
            if (b == '"') {
                return true;
            }
            if (b == '\\' || b < 0x20) {
                // an escape, a control character, or (negative as a byte) non-ASCII UTF-8
                return false;
            }
        }
        return false;
    }

    /**
     * Whether any of the eight bytes of {@code word} is '"', '\\', below 0x20 or above 0x7f (a byte-wise zero test
     * on {@code word ^ '"'} and {@code word ^ '\\'}, a less-than test for 0x20, and the high bits); may also answer
     * true for bytes after such a byte, never for a word without one.
     */
    private static boolean hasSpecialByte(long word) {
        long quote = word ^ QUOTES;
        long backslash = word ^ BACKSLASHES;
        long special = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (word - SPACES) | word;
        return (special & HIGH_BITS) != 0;
    }

    private boolean literal(String word) {
        int length = word.length();
        if (end - pos < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += length;
        return true;
    }

    /** A number per JSON's grammar: integers as Long (up to 18 digits), others as a correctly rounded Double. */
    private Object number() {
        int start = pos;
        boolean negative = take('-');
        long mantissa = 0;
        int digits = 0;
        if (take('0')) {
            digits = 1;
            if (pos < end && isDigit(in[pos])) {
                return NOT_FLAT;
            }
        } else if (pos < end && isDigit(in[pos])) {
            for (; pos < end && isDigit(in[pos]); pos++, digits++) {
                mantissa = mantissa * 10 + (in[pos] - '0');
            }
        } else {
            return NOT_FLAT;
        }
        int fractionDigits = 0;
        if (take('.')) {
            for (; pos < end && isDigit(in[pos]); pos++, fractionDigits++) {
                mantissa = mantissa * 10 + (in[pos] - '0');
            }
            if (fractionDigits == 0) {
                return NOT_FLAT;
            }
        }
        boolean hasExponent = take('e') || take('E');
        int exponent = hasExponent ? exponent() : 0;
        if (exponent == BAD_EXPONENT || digits + fractionDigits > 18) {
            return NOT_FLAT;
        }
        if (fractionDigits == 0 && !hasExponent) {
            return negative ? -mantissa : mantissa;
        }
        return toDouble(start, negative, mantissa, exponent - fractionDigits);
    }

    /** The exponent after 'e': an optional sign and 1 to 5 digits, else {@link #BAD_EXPONENT}. */
    private int exponent() {
        boolean negative = !take('+') && take('-');
        int exponent = 0;
        int digits = 0;
        for (; pos < end && isDigit(in[pos]); pos++, digits++) {
            exponent = exponent * 10 + (in[pos] - '0');
        }
        if (digits == 0 || digits > 5) {
            return BAD_EXPONENT;
        }
        return negative ? -exponent : exponent;
    }

    /**
     * {@code mantissa × 10^exponent10}: exact operands give a correctly rounded result with one multiplication or
     * division (Clinger's fast path); anything else goes through {@link Double#parseDouble}.
     */
    private Double toDouble(int start, boolean negative, long mantissa, int exponent10) {
        double d;
        if (mantissa < MAX_EXACT_MANTISSA && exponent10 >= -22 && exponent10 <= 22) {
            d = exponent10 < 0 ? mantissa / POWERS_OF_TEN[-exponent10] : mantissa * POWERS_OF_TEN[exponent10];
            d = negative ? -d : d;
        } else {
            d = Double.parseDouble(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        }
        return d == 0.0 ? 0.0 : d;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private boolean take(char c) {
        if (pos < end && in[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (pos < end && (in[pos] == ' ' || in[pos] == '\n' || in[pos] == '\r' || in[pos] == '\t')) {
            pos++;
        }
    }

    private boolean onlyWhitespaceLeft() {
        skipWhitespace();
        return pos == end;
    }
}
