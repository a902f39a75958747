package io.tsconnect.mqtt.sparkplug;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tsconnect.sparkplug.proto.SparkplugB.DataType;
import io.tsconnect.sparkplug.proto.SparkplugB.Payload;

/** A metric's PropertySet (engineering units, quality, limits...) as an ordered map, nested sets as maps. */
final class Properties {
    private Properties() {
    }

    static Map<String, Object> of(Payload.PropertySet set) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < set.getKeysCount() && i < set.getValuesCount(); i++) {
            out.put(set.getKeys(i), value(set.getValues(i)));
        }
        return out;
    }

    private static Object value(Payload.PropertyValue v) {
        if (v.getIsNull()) {
            return null;
        }
        return switch (v.getValueCase()) {
            case PROPERTYSET_VALUE -> of(v.getPropertysetValue());
            case PROPERTYSETS_VALUE -> {
                List<Object> sets = new ArrayList<>();
                v.getPropertysetsValue().getPropertysetList().forEach(s -> sets.add(of(s)));
                yield sets;
            }
            default -> {
                DataType type = DataType.forNumber(v.getType());
                yield TypedValues.of(type == null ? DataType.Unknown : type, raw(v)).value();
            }
        };
    }

    private static Object raw(Payload.PropertyValue v) {
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
}
