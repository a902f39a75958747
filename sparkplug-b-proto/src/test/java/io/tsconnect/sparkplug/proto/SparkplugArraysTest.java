package io.tsconnect.sparkplug.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tsconnect.sparkplug.proto.SparkplugB.DataType;

class SparkplugArraysTest {

    @Test
    void decodesTheSpecificationsLayoutsWrittenByHand() {
        assertEquals(List.of((short) -2, (short) 258), SparkplugArrays.decode(DataType.Int16Array,
            new byte[] {(byte) 0xFE, (byte) 0xFF, 0x02, 0x01}));
        assertEquals(List.of((short) 255), SparkplugArrays.decode(DataType.UInt8Array, new byte[] {(byte) 0xFF}));
        assertEquals(List.of(4_294_967_295L), SparkplugArrays.decode(DataType.UInt32Array,
            new byte[] {-1, -1, -1, -1}));
        // count 10 (LE), then 1010 0000 / 01.. most significant bit first
        assertEquals(List.of(true, false, true, false, false, false, false, false, false, true),
            SparkplugArrays.decode(DataType.BooleanArray, new byte[] {10, 0, 0, 0, (byte) 0xA0, 0x40}));
        assertEquals(List.of("ab", "", "ü"), SparkplugArrays.decode(DataType.StringArray,
            new byte[] {'a', 'b', 0, 0, (byte) 0xC3, (byte) 0xBC, 0}));
        assertEquals(List.of(1_700_000_000_000L), SparkplugArrays.decode(DataType.DateTimeArray,
            new byte[] {0x00, 0x68, (byte) 0xE5, (byte) 0xCF, (byte) 0x8B, 0x01, 0x00, 0x00}));
    }

    @Test
    void encodeIsTheInverseOfDecodeForEveryArrayType() {
        check(DataType.Int8Array, List.of((byte) -128, (byte) 0, (byte) 127));
        check(DataType.Int16Array, List.of((short) -32768, (short) 32767));
        check(DataType.Int32Array, List.of(Integer.MIN_VALUE, 7));
        check(DataType.Int64Array, List.of(Long.MIN_VALUE, 9L));
        check(DataType.UInt8Array, List.of((short) 0, (short) 255));
        check(DataType.UInt16Array, List.of(0, 65_535));
        check(DataType.UInt32Array, List.of(0L, 4_294_967_295L));
        check(DataType.UInt64Array, List.of(0L, -1L));
        check(DataType.FloatArray, List.of(1.5f, -0.25f));
        check(DataType.DoubleArray, List.of(Math.PI, -1e300));
        check(DataType.BooleanArray, List.of(true, true, false, true, false, false, false, false, true));
        check(DataType.StringArray, List.of("x", "yz"));
        check(DataType.DateTimeArray, List.of(1_700_000_000_123L));
        assertArrayEquals(new byte[] {3, 0, 0, 0, (byte) 0xA0}, SparkplugArrays.encode(DataType.BooleanArray,
            List.of(true, false, true)));
    }

    @Test
    void malformedArraysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SparkplugArrays.decode(DataType.Int32Array,
            new byte[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> SparkplugArrays.decode(DataType.BooleanArray,
            new byte[] {9, 0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> SparkplugArrays.decode(DataType.StringArray,
            new byte[] {'a'}));
    }

    private static void check(DataType type, List<?> values) {
        assertEquals(values, SparkplugArrays.decode(type, SparkplugArrays.encode(type, values)), type.toString());
    }
}
