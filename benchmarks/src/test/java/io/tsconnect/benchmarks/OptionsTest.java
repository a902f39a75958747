package io.tsconnect.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void parsesSpaceAndEqualsForms() {
        Options o = Options.parse(List.of("--n", "1_000_000", "--rates=1000,10000", "--brokers", "hivemq"));
        assertEquals(1_000_000, o.longValue("n", 5));
        assertEquals(List.of(1000, 10000), o.ints("rates", List.of()));
        assertEquals(List.of("hivemq"), o.words("brokers", List.of(), Set.of("hivemq", "mosquitto")));
        assertEquals(7, o.longValue("seconds", 7));
    }

    @Test
    void refusesUnknownOptionsAndValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Options.parse(List.of("--nn", "5")));
        assertTrue(e.getMessage().contains("--nn"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--n")));
        Options o = Options.parse(List.of("--brokers", "rabbit"));
        assertThrows(IllegalArgumentException.class, () -> o.words("brokers", List.of(), Set.of("hivemq")));
    }
}
