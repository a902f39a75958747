package io.tsconnect.sparkplug.proto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.tsconnect.sparkplug.proto.SparkplugB.DataType;

/**
 * The Sparkplug 3.0 encoding of array metrics, which travel in {@code bytes_value}: elements packed little-endian
 * at their type's width; {@code BooleanArray} as a 4-byte element count followed by bits packed most significant
 * first; {@code StringArray} as UTF-8 strings each ending in a NUL byte; {@code DateTimeArray} as 8-byte epoch
 * milliseconds.
 *
 * <p>Decoded elements are Java values of the type that holds the range: Int8 {@link Byte}, Int16 and UInt8
 * {@link Short}, Int32 and UInt16 {@link Integer}, Int64, UInt32, UInt64 (two's complement above 2^63-1) and
 * DateTime {@link Long}, Float {@link Float}, Double {@link Double}, Boolean {@link Boolean}, String
 * {@link String}.
 */
public final class SparkplugArrays {
    private SparkplugArrays() {
    }

    /** Whether {@code type} is one of the array types. */
    public static boolean isArray(DataType type) {
        return type.getNumber() >= DataType.Int8Array_VALUE && type.getNumber() <= DataType.DateTimeArray_VALUE;
    }

    /** The scalar type of an array type's elements. */
    public static DataType elementType(DataType arrayType) {
        return switch (arrayType) {
            case Int8Array -> DataType.Int8;
            case Int16Array -> DataType.Int16;
            case Int32Array -> DataType.Int32;
            case Int64Array -> DataType.Int64;
            case UInt8Array -> DataType.UInt8;
            case UInt16Array -> DataType.UInt16;
            case UInt32Array -> DataType.UInt32;
            case UInt64Array -> DataType.UInt64;
            case FloatArray -> DataType.Float;
            case DoubleArray -> DataType.Double;
            case BooleanArray -> DataType.Boolean;
            case StringArray -> DataType.String;
            case DateTimeArray -> DataType.DateTime;
            default -> throw new IllegalArgumentException(arrayType + " is not an array type");
        };
    }

    /**
     * Decodes an array metric's bytes.
     *
     * @throws IllegalArgumentException when the bytes do not fit the type (a length that is not a multiple of the
     *     element width, a boolean count beyond the bytes, a string without its terminating NUL)
     */
    public static List<Object> decode(DataType type, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (type) {
            case BooleanArray -> booleans(in);
            case StringArray -> strings(bytes);
            default -> fixedWidth(type, in);
        };
    }

    private static List<Object> fixedWidth(DataType type, ByteBuffer in) {
        int width = width(type);
        if (in.remaining() % width != 0) {
            throw new IllegalArgumentException(type + " of " + in.remaining() + " bytes: not a multiple of "
                + width);
        }
        List<Object> out = new ArrayList<>(in.remaining() / width);
        while (in.hasRemaining()) {
            out.add(switch (type) {
                case Int8Array -> in.get();
                case Int16Array -> in.getShort();
                case Int32Array -> in.getInt();
                case UInt8Array -> (short) Byte.toUnsignedInt(in.get());
                case UInt16Array -> Short.toUnsignedInt(in.getShort());
                case UInt32Array -> Integer.toUnsignedLong(in.getInt());
                case FloatArray -> in.getFloat();
                case DoubleArray -> in.getDouble();
                default -> in.getLong();
            });
        }
        return out;
    }

    private static int width(DataType type) {
        return switch (type) {
            case Int8Array, UInt8Array -> 1;
            case Int16Array, UInt16Array -> 2;
            case Int32Array, UInt32Array, FloatArray -> 4;
            case Int64Array, UInt64Array, DoubleArray, DateTimeArray -> 8;
            default -> throw new IllegalArgumentException(type + " is not an array type");
        };
    }

    private static List<Object> booleans(ByteBuffer in) {
        if (in.remaining() < 4) {
            throw new IllegalArgumentException("BooleanArray of " + in.remaining() + " bytes has no element count");
        }
        long count = Integer.toUnsignedLong(in.getInt());
        if ((count + 7) / 8 > in.remaining()) {
            throw new IllegalArgumentException("BooleanArray says " + count + " elements but has "
                + in.remaining() + " bytes of bits");
        }
        List<Object> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int packed = in.get(4 + i / 8);
            out.add((packed & (0x80 >>> (i % 8))) != 0);
        }
        return out;
    }

    private static List<Object> strings(byte[] bytes) {
        List<Object> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start != bytes.length) {
            throw new IllegalArgumentException("StringArray does not end with a NUL byte");
        }
        return out;
    }

    /** Encodes {@code values} (numbers, booleans or strings as the type needs) as an array metric's bytes. */
    public static byte[] encode(DataType type, List<?> values) {
        if (type == DataType.StringArray) {
            ByteBuffer out = ByteBuffer.allocate(values.stream()
                .mapToInt(v -> v.toString().getBytes(StandardCharsets.UTF_8).length + 1).sum());
            values.forEach(v -> out.put(v.toString().getBytes(StandardCharsets.UTF_8)).put((byte) 0));
            return out.array();
        }
        if (type == DataType.BooleanArray) {
            ByteBuffer out = ByteBuffer.allocate(4 + (values.size() + 7) / 8).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(values.size());
            for (int i = 0; i < values.size(); i++) {
                if ((Boolean) values.get(i)) {
                    out.put(4 + i / 8, (byte) (out.get(4 + i / 8) | (0x80 >>> (i % 8))));
                }
            }
            return out.array();
        }
        ByteBuffer out = ByteBuffer.allocate(width(type) * values.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (Object v : values) {
            Number n = (Number) v;
            switch (width(type)) {
                case 1 -> out.put(n.byteValue());
                case 2 -> out.putShort(n.shortValue());
                case 4 -> {
                    if (type == DataType.FloatArray) {
                        out.putFloat(n.floatValue());
                    } else {
                        out.putInt(n.intValue());
                    }
                }
                default -> {
                    if (type == DataType.DoubleArray) {
                        out.putDouble(n.doubleValue());
                    } else {
                        out.putLong(n.longValue());
                    }
                }
            }
        }
        return out.array();
    }
}
