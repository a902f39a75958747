package io.tsconnect.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** The records the benchmarks send, the same for the connector and the raw loop. */
public final class Payloads {
    /** Size of an MQTT benchmark payload. */
    public static final int MQTT_PAYLOAD_BYTES = 200;
    private static final String[] METRICS = {"temperature", "humidity", "pressure"};
    private static final String[] LOCATIONS = {"berlin", "paris", "oslo", "lisbon", "rome"};

    private Payloads() {
    }

    /** The metric symbol of reading {@code i}. */
    public static String metric(long i) {
        return METRICS[(int) Math.floorMod(i, (long) METRICS.length)];
    }

    /** The location symbol of reading {@code i}. */
    public static String location(long i) {
        return LOCATIONS[(int) Math.floorMod(i / METRICS.length, (long) LOCATIONS.length)];
    }

    /** The device symbol of reading {@code i}, one of {@code devices}. */
    public static String device(long i, int devices) {
        return "d" + Math.floorMod(i, (long) devices);
    }

    /** A second double of reading {@code i}. */
    public static double value2(long i) {
        return Math.floorMod(i, 1000L) / 10.0;
    }

    /** A first double of reading {@code i}. */
    public static double value(long i) {
        return 20 + Math.floorMod(i, 97L) * 0.25;
    }

    /**
     * Reading {@code i} as JSON: three symbols (metric, location, device), two doubles (value, battery) and a
     * timestamp in epoch milliseconds.
     */
    public static String readingJson(long i, int devices, long timestampMillis) {
        return String.format(Locale.ROOT,
            "{\"metric\":\"%s\",\"location\":\"%s\",\"device\":\"%s\",\"value\":%.2f,\"battery\":%.1f,"
                + "\"timestamp\":%d}",
            metric(i), location(i), device(i, devices), value(i), value2(i), timestampMillis);
    }

    /**
     * MQTT message {@code seq}: JSON with the sequence number, the publish time in microseconds and the fields the
     * QuestDB readings config maps, padded to {@value #MQTT_PAYLOAD_BYTES} bytes.
     */
    public static byte[] mqttJson(long seq, long sentMicros) {
        String head = String.format(Locale.ROOT,
            "{\"seq\":%d,\"sent\":%d,\"metric\":\"%s\",\"location\":\"%s\",\"device\":\"d%d\",\"value\":%.2f,"
                + "\"timestamp\":%d,\"pad\":\"",
            seq, sentMicros, metric(seq), location(seq), Math.floorMod(seq, 50L), value(seq), sentMicros / 1000);
        int padding = MQTT_PAYLOAD_BYTES - head.length() - 2;
        if (padding < 0) {
            throw new IllegalStateException("Payload head longer than " + MQTT_PAYLOAD_BYTES + " bytes: " + head);
        }
        char[] pad = new char[padding];
        Arrays.fill(pad, 'x');
        return (head + new String(pad) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
