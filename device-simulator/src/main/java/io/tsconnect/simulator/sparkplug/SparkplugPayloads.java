package io.tsconnect.simulator.sparkplug;

import java.util.List;

import com.google.protobuf.ByteString;

import io.tsconnect.sparkplug.proto.SparkplugArrays;
import io.tsconnect.sparkplug.proto.SparkplugB.DataType;
import io.tsconnect.sparkplug.proto.SparkplugB.Payload;
import io.tsconnect.sparkplug.proto.SparkplugB.Payload.Metric;

/**
 * The payloads a simulated Sparkplug edge node publishes. Each device declares in its DBIRTH three live metrics,
 * {@code temperature} (Double), {@code pressure} (Float) and {@code count} (Int32), with aliases
 * {@code 100*(device+1) + 1..3}, and a catalogue of one metric per remaining datatype (aliases from
 * {@code 100*(device+1) + 10}, values in {@link #CATALOGUE}); DDATA sends the live metrics by alias only.
 */
public final class SparkplugPayloads {
    public static final String BD_SEQ = "bdSeq";
    public static final String REBIRTH = "Node Control/Rebirth";
    public static final String TEMPERATURE = "temperature";
    public static final String PRESSURE = "pressure";
    public static final String COUNT = "count";

    /** The catalogue metrics: name, datatype and the value they carry in every DBIRTH. */
    public static final List<Metric> CATALOGUE = List.of(
        metric("int8", DataType.Int8).setIntValue(-8).build(),
        metric("int16", DataType.Int16).setIntValue(-1600).build(),
        metric("int64", DataType.Int64).setLongValue(-6_400_000_000L).build(),
        metric("uint8", DataType.UInt8).setIntValue(200).build(),
        metric("uint16", DataType.UInt16).setIntValue(60_000).build(),
        metric("uint32", DataType.UInt32).setIntValue((int) 4_000_000_000L).build(),
        metric("uint64", DataType.UInt64).setLongValue(64L).build(),
        metric("boolean", DataType.Boolean).setBooleanValue(true).build(),
        metric("string", DataType.String).setStringValue("pump-7").build(),
        metric("datetime", DataType.DateTime).setLongValue(1_700_000_000_000L).build(),
        metric("text", DataType.Text).setStringValue("free text").build(),
        metric("uuid", DataType.UUID).setStringValue("7c9e6679-7425-40de-944b-e07fc1f90ae7").build(),
        metric("bytes", DataType.Bytes).setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3})).build(),
        metric("file", DataType.File).setBytesValue(ByteString.copyFromUtf8("file")).build(),
        metric("dataset", DataType.DataSet).setDatasetValue(Payload.DataSet.newBuilder().setNumOfColumns(2)
            .addColumns("step").addColumns("ok").addTypes(DataType.Int32_VALUE).addTypes(DataType.Boolean_VALUE)
            .addRows(Payload.DataSet.Row.newBuilder()
                .addElements(Payload.DataSet.DataSetValue.newBuilder().setIntValue(1))
                .addElements(Payload.DataSet.DataSetValue.newBuilder().setBooleanValue(true)))).build(),
        metric("template", DataType.Template).setTemplateValue(Payload.Template.newBuilder().setTemplateRef("Motor")
            .addParameters(Payload.Template.Parameter.newBuilder().setName("rated").setType(DataType.Double_VALUE)
                .setDoubleValue(7.5))
            .addMetrics(metric("rpm", DataType.Int32).setIntValue(1450))).build(),
        array("int8_array", DataType.Int8Array, List.of(-1, 2)),
        array("int16_array", DataType.Int16Array, List.of(-300, 300)),
        array("int32_array", DataType.Int32Array, List.of(-70_000, 70_000)),
        array("int64_array", DataType.Int64Array, List.of(-1L, 1L)),
        array("uint8_array", DataType.UInt8Array, List.of(255)),
        array("uint16_array", DataType.UInt16Array, List.of(65_535)),
        array("uint32_array", DataType.UInt32Array, List.of(4_294_967_295L)),
        array("uint64_array", DataType.UInt64Array, List.of(1L)),
        array("float_array", DataType.FloatArray, List.of(0.5f, 1.5f)),
        array("double_array", DataType.DoubleArray, List.of(0.25)),
        array("boolean_array", DataType.BooleanArray, List.of(true, false, true)),
        array("string_array", DataType.StringArray, List.of("a", "b")),
        array("datetime_array", DataType.DateTimeArray, List.of(1_700_000_000_000L)),
        metric("null_double", DataType.Double).setIsNull(true).build());

    private SparkplugPayloads() {
    }

    private static Metric.Builder metric(String name, DataType type) {
        return Metric.newBuilder().setName(name).setDatatype(type.getNumber());
    }

    private static Metric array(String name, DataType type, List<?> values) {
        return metric(name, type).setBytesValue(ByteString.copyFrom(SparkplugArrays.encode(type, values))).build();
    }

    /** The alias of live metric {@code index} (1..3) or catalogue entry {@code 10 + i} of a device. */
    public static long alias(int device, int index) {
        return 100L * (device + 1) + index;
    }

    public static Payload nbirth(long seq, long bdSeq, long timestamp) {
        return Payload.newBuilder().setTimestamp(timestamp).setSeq(seq)
            .addMetrics(metric(BD_SEQ, DataType.Int64).setLongValue(bdSeq))
            .addMetrics(metric(REBIRTH, DataType.Boolean).setBooleanValue(false))
            .build();
    }

    public static Payload ndeath(long bdSeq, long timestamp) {
        return Payload.newBuilder().setTimestamp(timestamp)
            .addMetrics(metric(BD_SEQ, DataType.Int64).setLongValue(bdSeq)).build();
    }

    /** A DBIRTH: the live metrics with aliases and starting values, then the catalogue. */
    public static Payload dbirth(long seq, int device, long timestamp) {
        Payload.Builder p = Payload.newBuilder().setTimestamp(timestamp).setSeq(seq)
            .addMetrics(metric(TEMPERATURE, DataType.Double).setAlias(alias(device, 1)).setDoubleValue(20.0)
                .setProperties(Payload.PropertySet.newBuilder().addKeys("engUnit")
                    .addValues(Payload.PropertyValue.newBuilder().setType(DataType.String_VALUE)
                        .setStringValue("degC"))))
            .addMetrics(metric(PRESSURE, DataType.Float).setAlias(alias(device, 2)).setFloatValue(1.0f))
            .addMetrics(metric(COUNT, DataType.Int32).setAlias(alias(device, 3)).setIntValue(0));
        for (int i = 0; i < CATALOGUE.size(); i++) {
            p.addMetrics(CATALOGUE.get(i).toBuilder().setAlias(alias(device, 10 + i)));
        }
        return p.build();
    }

    /** A DDATA with the live metrics by alias only (no names, no datatypes). */
    public static Payload ddata(long seq, int device, long timestamp, double temperature, float pressure,
                                int count) {
        return Payload.newBuilder().setTimestamp(timestamp).setSeq(seq)
            .addMetrics(Metric.newBuilder().setAlias(alias(device, 1)).setTimestamp(timestamp)
                .setDoubleValue(temperature))
            .addMetrics(Metric.newBuilder().setAlias(alias(device, 2)).setTimestamp(timestamp)
                .setFloatValue(pressure))
            .addMetrics(Metric.newBuilder().setAlias(alias(device, 3)).setTimestamp(timestamp).setIntValue(count))
            .build();
    }

    public static Payload ddeath(long seq, long timestamp) {
        return Payload.newBuilder().setTimestamp(timestamp).setSeq(seq).build();
    }
}
