package io.tsconnect.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EnumValuesTest {
    enum Policy { SKIP_AND_REPORT, FAIL }

    @Test
    void parsesCaseAndDashInsensitively() {
        assertEquals(Policy.SKIP_AND_REPORT, EnumValues.parse(Policy.class, "k", "skip-and-report"));
        assertEquals(Policy.FAIL, EnumValues.parse(Policy.class, "k", "FAIL"));
    }

    @Test
    void unknownValueIsRejectedNamingKeyAndChoices() {
        var e = assertThrows(ConfigException.class, () -> EnumValues.parse(Policy.class, "on.error", "ignore"));
        assertTrue(e.getMessage().contains("on.error") && e.getMessage().contains("skip_and_report"),
            e.getMessage());
    }

    @Test
    void validatorAndRecommenderAgreeWithParser() {
        var validator = EnumValues.validator(Policy.class);
        for (Object v : EnumValues.recommender(Policy.class).validValues("k", java.util.Map.of())) {
            validator.ensureValid("k", v);
        }
        validator.ensureValid("k", List.of("fail", "skip_and_report"));
        assertThrows(ConfigException.class, () -> validator.ensureValid("k", "nope"));
    }
}
