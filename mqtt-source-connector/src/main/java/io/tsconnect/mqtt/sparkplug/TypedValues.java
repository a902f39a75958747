package io.tsconnect.mqtt.sparkplug;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

import com.google.protobuf.ByteString;

import io.tsconnect.sparkplug.proto.SparkplugArrays;
import io.tsconnect.sparkplug.proto.SparkplugB.DataType;
import io.tsconnect.sparkplug.proto.SparkplugB.Payload;

/**
 * Sparkplug values as Connect data. Scalars take the Connect type that holds their range (Int8 int8, Int16 and
 * UInt8 int16, Int32 and UInt16 int32, Int64, UInt32 and UInt64 int64, Float float32, Double float64, DateTime a
 * Timestamp, String/Text/UUID string, Bytes/File bytes); arrays become Connect arrays of those; a DataSet becomes
 * {@code {columns: [names], rows: [{<column>: value}]}} and a Template {@code {template_ref, version,
 * is_definition, parameters: {<name>: value}, metrics: {<name>: value}}}, nested as deep as the template nests.
 *
 * <p>UInt64 values above 2^63-1 read as negative int64 (two's complement), as Java has no wider primitive.
 */
final class TypedValues {
    private static final Schema TIMESTAMP = Timestamp.builder().optional().build();
    private static final Schema[] SCALARS = new Schema[DataType.DateTimeArray_VALUE + 1];

    static {
        for (DataType type : DataType.values()) {
            if (type != DataType.Unknown && type.getNumber() < SCALARS.length && !isNested(type)) {
                SCALARS[type.getNumber()] = SparkplugArrays.isArray(type)
                    ? SchemaBuilder.array(scalarSchema(SparkplugArrays.elementType(type))).optional().build()
                    : scalarSchema(type);
            }
        }
    }

    private TypedValues() {
    }

    private static boolean isNested(DataType type) {
        return type == DataType.DataSet || type == DataType.Template || type == DataType.PropertySet
            || type == DataType.PropertySetList;
    }

    private static Schema scalarSchema(DataType type) {
        return switch (type) {
            case Int8 -> Schema.OPTIONAL_INT8_SCHEMA;
            case Int16, UInt8 -> Schema.OPTIONAL_INT16_SCHEMA;
            case Int32, UInt16 -> Schema.OPTIONAL_INT32_SCHEMA;
            case Int64, UInt32, UInt64 -> Schema.OPTIONAL_INT64_SCHEMA;
            case Float -> Schema.OPTIONAL_FLOAT32_SCHEMA;
            case Double -> Schema.OPTIONAL_FLOAT64_SCHEMA;
            case Boolean -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case DateTime -> TIMESTAMP;
            case Bytes, File -> Schema.OPTIONAL_BYTES_SCHEMA;
            default -> Schema.OPTIONAL_STRING_SCHEMA;
        };
    }

    /** The raw value of a metric's {@code value} oneof, or {@code null} when none is set. */
    static Object raw(Payload.Metric m) {
        return switch (m.getValueCase()) {
            case INT_VALUE -> m.getIntValue();
            case LONG_VALUE -> m.getLongValue();
            case FLOAT_VALUE -> m.getFloatValue();
            case DOUBLE_VALUE -> m.getDoubleValue();
            case BOOLEAN_VALUE -> m.getBooleanValue();
            case STRING_VALUE -> m.getStringValue();
            case BYTES_VALUE -> m.getBytesValue();
            case DATASET_VALUE -> m.getDatasetValue();
            case TEMPLATE_VALUE -> m.getTemplateValue();
            default -> null;
        };
    }

    static Object raw(Payload.DataSet.DataSetValue v) {
        return switch (v.getValueCase()) {
            case INT_VALUE -> v.getIntValue();
            case LONG_VALUE -> v.getLongValue();
            case FLOAT_VALUE -> v.getFloatValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case BOOLEAN_VALUE -> v.getBooleanValue();
            case STRING_VALUE -> v.getStringValue();
            default -> null;
        };
    }

    static Object raw(Payload.Template.Parameter p) {
        return switch (p.getValueCase()) {
            case INT_VALUE -> p.getIntValue();
            case LONG_VALUE -> p.getLongValue();
            case FLOAT_VALUE -> p.getFloatValue();
            case DOUBLE_VALUE -> p.getDoubleValue();
            case BOOLEAN_VALUE -> p.getBooleanValue();
            case STRING_VALUE -> p.getStringValue();
            default -> null;
        };
    }

    /**
     * The value of a {@code type} metric whose oneof holds {@code raw}.
     *
     * @throws IllegalArgumentException when {@code raw} cannot be a {@code type}
     */
    static SchemaAndValue of(DataType type, Object raw) {
        if (raw instanceof Payload.DataSet dataSet) {
            return dataSet(dataSet);
        }
        if (raw instanceof Payload.Template template) {
            return template(template);
        }
        if (type.getNumber() >= SCALARS.length || SCALARS[type.getNumber()] == null) {
            type = inferred(raw);
        }
        return new SchemaAndValue(SCALARS[type.getNumber()], raw == null ? null : scalar(type, raw));
    }

    /** For a value whose declared type says nothing useful: the type its oneof field suggests. */
    private static DataType inferred(Object raw) {
        if (raw instanceof Integer) {
            return DataType.UInt32;
        }
        if (raw instanceof Long) {
            return DataType.Int64;
        }
        if (raw instanceof Float) {
            return DataType.Float;
        }
        if (raw instanceof Double) {
            return DataType.Double;
        }
        if (raw instanceof Boolean) {
            return DataType.Boolean;
        }
        return raw instanceof ByteString ? DataType.Bytes : DataType.String;
    }

    private static Object scalar(DataType type, Object raw) {
        if (SparkplugArrays.isArray(type)) {
            List<Object> elements = SparkplugArrays.decode(type, bytes(type, raw).toByteArray());
            if (type == DataType.DateTimeArray) {
                elements.replaceAll(ms -> new Date((Long) ms));
            }
            return elements;
        }
        return switch (type) {
            case Int8 -> (byte) bits(type, raw);
            case Int16 -> (short) bits(type, raw);
            case Int32 -> (int) bits(type, raw);
            case UInt8 -> (short) (bits(type, raw) & 0xFF);
            case UInt16 -> (int) (bits(type, raw) & 0xFFFF);
            case UInt32 -> bits(type, raw) & 0xFFFF_FFFFL;
            case Int64, UInt64 -> bits(type, raw);
            case DateTime -> new Date(bits(type, raw));
            case Float -> (float) real(type, raw);
            case Double -> real(type, raw);
            case Boolean -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                throw mismatch(type, raw);
            }
            case Bytes, File -> bytes(type, raw).toByteArray();
            default -> {
                if (raw instanceof String s) {
                    yield s;
                }
                throw mismatch(type, raw);
            }
        };
    }

    private static long bits(DataType type, Object raw) {
        if (raw instanceof Integer i) {
            return i;
        }
        if (raw instanceof Long l) {
            return l;
        }
        throw mismatch(type, raw);
    }

    private static double real(DataType type, Object raw) {
        if (raw instanceof Float f) {
            return f;
        }
        if (raw instanceof Double d) {
            return d;
        }
        throw mismatch(type, raw);
    }

    private static ByteString bytes(DataType type, Object raw) {
        if (raw instanceof ByteString b) {
            return b;
        }
        throw mismatch(type, raw);
    }

    private static IllegalArgumentException mismatch(DataType type, Object raw) {
        return new IllegalArgumentException("a " + type + " value cannot be a protobuf "
            + raw.getClass().getSimpleName());
    }

    private static SchemaAndValue dataSet(Payload.DataSet dataSet) {
        SchemaBuilder row = SchemaBuilder.struct().optional();
        List<DataType> types = new ArrayList<>(dataSet.getColumnsCount());
        for (int c = 0; c < dataSet.getColumnsCount(); c++) {
            DataType type = c < dataSet.getTypesCount() ? DataType.forNumber(dataSet.getTypes(c)) : null;
            types.add(type == null ? DataType.Unknown : type);
            row.field(dataSet.getColumns(c), of(types.get(c), null).schema());
        }
        Schema rowSchema = row.build();
        Schema schema = SchemaBuilder.struct().optional()
            .field("columns", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("rows", SchemaBuilder.array(rowSchema).build()).build();
        List<Struct> rows = new ArrayList<>(dataSet.getRowsCount());
        for (Payload.DataSet.Row r : dataSet.getRowsList()) {
            Struct values = new Struct(rowSchema);
            for (int c = 0; c < types.size() && c < r.getElementsCount(); c++) {
                values.put(dataSet.getColumns(c), of(types.get(c), raw(r.getElements(c))).value());
            }
            rows.add(values);
        }
        return new SchemaAndValue(schema, new Struct(schema).put("columns", dataSet.getColumnsList())
            .put("rows", rows));
    }

    private static SchemaAndValue template(Payload.Template template) {
        SchemaBuilder parameters = SchemaBuilder.struct().optional();
        List<Object> parameterValues = new ArrayList<>();
        for (Payload.Template.Parameter p : template.getParametersList()) {
            DataType type = DataType.forNumber(p.getType());
            SchemaAndValue v = of(type == null ? DataType.Unknown : type, raw(p));
            parameters.field(p.getName(), v.schema());
            parameterValues.add(v.value());
        }
        SchemaBuilder metrics = SchemaBuilder.struct().optional();
        List<Object> metricValues = new ArrayList<>();
        for (Payload.Metric m : template.getMetricsList()) {
            DataType type = DataType.forNumber(m.getDatatype());
            SchemaAndValue v = of(type == null ? DataType.Unknown : type, m.getIsNull() ? null : raw(m));
            metrics.field(m.getName(), v.schema());
            metricValues.add(v.value());
        }
        Schema parametersSchema = parameters.build();
        Schema metricsSchema = metrics.build();
        Schema schema = SchemaBuilder.struct().optional()
            .field("template_ref", Schema.OPTIONAL_STRING_SCHEMA)
            .field("version", Schema.OPTIONAL_STRING_SCHEMA)
            .field("is_definition", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("parameters", parametersSchema)
            .field("metrics", metricsSchema).build();
        return new SchemaAndValue(schema, new Struct(schema)
            .put("template_ref", template.hasTemplateRef() ? template.getTemplateRef() : null)
            .put("version", template.hasVersion() ? template.getVersion() : null)
            .put("is_definition", template.hasIsDefinition() ? template.getIsDefinition() : null)
            .put("parameters", fill(parametersSchema, parameterValues))
            .put("metrics", fill(metricsSchema, metricValues)));
    }

    private static Struct fill(Schema schema, List<Object> values) {
        Struct struct = new Struct(schema);
        for (int i = 0; i < values.size(); i++) {
            struct.put(schema.fields().get(i), values.get(i));
        }
        return struct;
    }
}
