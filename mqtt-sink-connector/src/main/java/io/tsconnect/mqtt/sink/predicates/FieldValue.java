package io.tsconnect.mqtt.sink.predicates;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import io.tsconnect.common.Version;
import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.record.FieldPath;

/**
 * A Connect predicate on one field of the record value (Struct or Map): true when the field equals a text, or is
 * a number above or below a threshold. Kafka's own predicates only look at topics, headers and tombstones; with
 * this one a {@code Filter} can keep, say, only temperature readings above 40:
 *
 * <pre>
 * transforms=onlyTemp,onlyHot
 * transforms.onlyTemp.type=org.apache.kafka.connect.transforms.Filter
 * transforms.onlyTemp.predicate=isTemp
 * transforms.onlyTemp.negate=true
 * predicates.isTemp.type=io.tsconnect.mqtt.sink.predicates.FieldValue
 * predicates.isTemp.field=metric
 * predicates.isTemp.equals=temp
 * </pre>
 *
 * A record without the field, or whose field is not a number for {@code above}/{@code below}, does not match.
 *
 * @param <R> the record type
 */
public class FieldValue<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {
    public static final String FIELD_CONFIG = "field";
    public static final String EQUALS_CONFIG = "equals";
    public static final String ABOVE_CONFIG = "above";
    public static final String BELOW_CONFIG = "below";

    public static final ConfigDef CONFIG_DEF = configDef();

    private FieldPath field;
    private String equals;
    private Double above;
    private Double below;

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConfigGroup.of(def, "Condition")
            .define(FIELD_CONFIG, Type.STRING, Importance.HIGH, "The value field to test, as a dotted path (e.g. "
                + "value or tags.location).", Width.MEDIUM, "Field")
            .define(EQUALS_CONFIG, Type.STRING, null, Importance.MEDIUM, "Matches when the field's text equals this.",
                Width.MEDIUM, "Equals")
            .define(ABOVE_CONFIG, Type.DOUBLE, null, Importance.MEDIUM, "Matches when the field is a number greater "
                + "than this.", Width.SHORT, "Above")
            .define(BELOW_CONFIG, Type.DOUBLE, null, Importance.MEDIUM, "Matches when the field is a number less than "
                + "this. With above as well, the number must lie between the two.", Width.SHORT, "Below");
        return def;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        try {
            field = FieldPath.parse(config.getString(FIELD_CONFIG));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FIELD_CONFIG, config.getString(FIELD_CONFIG), e.getMessage());
        }
        equals = config.getString(EQUALS_CONFIG);
        above = config.getDouble(ABOVE_CONFIG);
        below = config.getDouble(BELOW_CONFIG);
        if (equals == null && above == null && below == null) {
            throw new ConfigException("FieldValue needs one of " + EQUALS_CONFIG + ", " + ABOVE_CONFIG + " or "
                + BELOW_CONFIG);
        }
        if (equals != null && (above != null || below != null)) {
            throw new ConfigException(EQUALS_CONFIG, equals, "Use either equals or above/below, not both");
        }
    }

    @Override
    public boolean test(R record) {
        Object value = record.value() == null ? null : field.get(record.value());
        if (value == null) {
            return false;
        }
        if (equals != null) {
            return equals.equals(value.toString());
        }
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else {
            try {
                number = Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return (above == null || number > above) && (below == null || number < below);
    }

    @Override
    public void close() {
        // Holds nothing.
    }

    @Override
    public String version() {
        return Version.of(FieldValue.class, "mqtt-sink-connector-version.properties");
    }
}
