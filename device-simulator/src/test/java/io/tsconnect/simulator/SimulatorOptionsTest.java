package io.tsconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {
    @Test
    void parsesFlagsOverDefaultsAndReadsPasswordFromEnvironmentOnlyWithAUser() {
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--broker", "tcp://127.0.0.1:11883",
            "--locations", "5", "--rate", "1000", "--shape", "sensor", "--duration", "30", "--username", "sim"},
            "s3cret");
        assertEquals(11883, o.broker().getPort());
        assertEquals(5, o.locations());
        assertEquals(4, o.devices());
        assertEquals(Shape.SENSOR, o.shape());
        assertEquals(Duration.ofSeconds(30), o.duration());
        assertEquals("s3cret", o.password());
        assertNull(SimulatorOptions.parse(new String[0], "s3cret").password());
    }

    @Test
    void rejectsUnknownFlagsMissingValuesAndBadQos() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.parse(new String[] {"--nope", "1"}, null));
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.parse(new String[] {"--rate"}, null));
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.parse(new String[] {"--qos", "3"}, null));
    }
}
