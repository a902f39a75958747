package io.tsconnect.common.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class KafkaTopicValidatorTest {
    private final KafkaTopicValidator names = KafkaTopicValidator.names();
    private final KafkaTopicValidator templates = KafkaTopicValidator.templates();

    @Test
    void acceptsLegalNamesAndNull() {
        assertDoesNotThrow(() -> names.ensureValid("topic", "device-readings_v2.raw"));
        assertDoesNotThrow(() -> names.ensureValid("topic", "x".repeat(249)));
        assertDoesNotThrow(() -> names.ensureValid("topic", null));
        assertDoesNotThrow(() -> templates.ensureValid("topic", null));
    }

    @Test
    void rejectsEmptyNamingTheKeyAndWhatIsAllowed() {
        String message = rejected(names, "topic", "");
        assertTrue(message.contains("topic") && message.contains("must not be empty")
            && message.contains(KafkaTopicValidator.LEGAL_CHARACTERS), message);
        assertTrue(rejected(templates, "topic", "").contains("must not be empty"));
    }

    @Test
    void rejectsIllegalCharactersNamingTheCharacter() {
        String message = rejected(names, "kafka.topic", "bad topic name");
        assertTrue(message.contains("kafka.topic") && message.contains("' '")
            && message.contains(KafkaTopicValidator.LEGAL_CHARACTERS), message);
        rejected(names, "t", "a/b");
        rejected(names, "t", "caf\u00e9");
        rejected(names, "t", "${stream}");
    }

    @Test
    void rejectsReservedAndTooLongNames() {
        rejected(names, "t", ".");
        rejected(names, "t", "..");
        assertTrue(rejected(names, "t", "x".repeat(250)).contains("249"));
    }

    @Test
    void templatesCheckOnlyTheTextOutsidePlaceholders() {
        assertDoesNotThrow(() -> templates.ensureValid("t", "github.${stream}.${type}"));
        assertDoesNotThrow(() -> templates.ensureValid("t", "${1}"));
        assertDoesNotThrow(() -> templates.ensureValid("t", "iot.${topic with spaces}"));
        assertTrue(rejected(templates, "t", "iot ${2}").contains("outside ${...} placeholders"));
        rejected(templates, "t", "iot/${2}");
        rejected(templates, "t", "a$$b");
        rejected(templates, "t", "x".repeat(250) + "${1}");
        assertTrue(rejected(templates, "t", "a.${b").contains("Unclosed"));
    }

    private static String rejected(KafkaTopicValidator validator, String key, String value) {
        return assertThrows(ConfigException.class, () -> validator.ensureValid(key, value)).getMessage();
    }
}
