package io.tsconnect.simulator.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tsconnect.sparkplug.proto.SparkplugB.DataType;
import io.tsconnect.sparkplug.proto.SparkplugB.Payload;

class SparkplugPayloadsTest {

    @Test
    void aDeviceBirthDeclaresEveryMetricDatatypeWithUniqueAliases() throws Exception {
        Payload birth = Payload.parseFrom(SparkplugPayloads.dbirth(3, 1, 1L).toByteArray());
        Set<DataType> types = EnumSet.noneOf(DataType.class);
        birth.getMetricsList().forEach(m -> types.add(DataType.forNumber(m.getDatatype())));
        Set<DataType> metricTypes = EnumSet.range(DataType.Int8, DataType.DateTimeArray);
        metricTypes.removeAll(EnumSet.of(DataType.PropertySet, DataType.PropertySetList));
        assertEquals(metricTypes, types);
        assertEquals(birth.getMetricsCount(), birth.getMetricsList().stream().map(Payload.Metric::getAlias)
            .distinct().count());
        assertTrue(birth.getMetricsList().stream().allMatch(m -> m.getAlias() / 100 == 2), "device 1: 2xx");
    }

    @Test
    void dataCarriesAliasesOnly() throws Exception {
        Payload data = Payload.parseFrom(SparkplugPayloads.ddata(255, 0, 5L, 1.5, 2.5f, 3).toByteArray());
        assertEquals(255, data.getSeq());
        data.getMetricsList().forEach(m -> assertFalse(m.hasName() || m.hasDatatype()));
        assertEquals(SparkplugPayloads.alias(0, 1), data.getMetrics(0).getAlias());
    }
}
