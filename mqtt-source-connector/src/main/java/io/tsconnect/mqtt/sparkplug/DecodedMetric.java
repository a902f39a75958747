package io.tsconnect.mqtt.sparkplug;

import java.util.Map;

import org.apache.kafka.connect.data.SchemaAndValue;

import io.tsconnect.sparkplug.proto.SparkplugB.DataType;

/**
 * One metric of a message with its name resolved and its value converted.
 *
 * @param name the metric name (from the metric, or from the birth its alias points to)
 * @param datatype the declared type (from the metric, else its birth; {@code Unknown} when neither says)
 * @param timestamp epoch milliseconds: the metric's, else the payload's, else the arrival time
 * @param value the typed value; its value is {@code null} for {@code is_null} metrics
 * @param historical {@code is_historical}
 * @param transientValue {@code is_transient}
 * @param properties the metric's properties, {@code null} when it has none
 */
record DecodedMetric(String name, DataType datatype, long timestamp, SchemaAndValue value, boolean historical,
                     boolean transientValue, Map<String, Object> properties) {

    boolean isNull() {
        return value.value() == null;
    }
}
