package io.tsconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class QuickstartOptionsTest {
    @Test
    void defaultsKeepStateInQuickstartDataOnTheWellKnownPorts() {
        QuickstartOptions options = QuickstartOptions.parse(new String[0]);
        assertEquals(Path.of("quickstart-data").toAbsolutePath().normalize(), options.dataDir());
        assertFalse(options.fresh());
        assertEquals(9092, options.kafkaPort());
        assertEquals(8083, options.connectPort());
    }

    @Test
    void freshIsAFlagAmongOptionsWithValues() {
        QuickstartOptions options = QuickstartOptions.parse(new String[] {"--data-dir", "/tmp/x", "--fresh",
            "--kafka-port", "0"});
        assertTrue(options.fresh());
        assertEquals(Path.of("/tmp/x"), options.dataDir());
        assertEquals(0, options.kafkaPort());
    }

    @Test
    void unknownOrIncompleteOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QuickstartOptions.parse(new String[] {"--nope", "1"}));
        assertThrows(IllegalArgumentException.class, () -> QuickstartOptions.parse(new String[] {"--rate"}));
    }

    @Test
    void aValueThatIsNotANumberIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> QuickstartOptions.parse(new String[] {"--duration", "30s"}));
        assertEquals("--duration takes a number of seconds, not '30s'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuickstartOptions.parse(new String[] {"--kafka-port", "nine"}));
        assertEquals("--kafka-port takes a number, not 'nine'", e.getMessage());
    }
}
