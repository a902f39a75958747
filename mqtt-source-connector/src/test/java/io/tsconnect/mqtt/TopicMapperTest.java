package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TopicMapperTest {

    private static TopicMapper mapper(String fallback, String... routes) {
        return new TopicMapper(List.of(routes).stream().map(TopicRoute::parse).toList(),
            fallback == null ? null : TopicTemplate.parse(fallback));
    }

    @Test
    void fixedTopicIgnoresTheMqttTopic() {
        assertEquals("device-readings", mapper("device-readings").kafkaTopic("devices/1/2/temp"));
    }

    @Test
    void templateTakesTopicLevelsOneBased() {
        TopicMapper mapper = mapper("iot.${2}.${4}");
        assertEquals("iot.7.temp", mapper.kafkaTopic("devices/7/kitchen/temp"));
    }

    @Test
    void wholeTopicPlaceholderHasSlashesTurnedIntoDots() {
        assertEquals("mqtt.devices.7.temp", mapper("mqtt.${topic}").kafkaTopic("devices/7/temp"));
    }

    @Test
    void illegalCharactersAreReplaced() {
        assertEquals("iot.k_che_1", mapper("iot.${2}").kafkaTopic("devices/k che:1/temp"));
        assertEquals("a_b", KafkaTopicNames.sanitise("a b"));
        assertEquals(249, KafkaTopicNames.sanitise("x".repeat(400)).length());
    }

    @Test
    void firstMatchingRouteWinsThenFallback() {
        TopicMapper mapper = mapper("other", "devices/+/+/temp=temperatures", "devices/#=devices.${2}");
        assertEquals("temperatures", mapper.kafkaTopic("devices/1/2/temp"));
        assertEquals("devices.1", mapper.kafkaTopic("devices/1/2/humidity"));
        assertEquals("other", mapper.kafkaTopic("alerts/fire"));
    }

    @Test
    void routeSplitsAtTheLastEquals() {
        TopicRoute route = TopicRoute.parse("a=b/#=target");
        assertEquals("a=b/#", route.filter().toString());
        assertEquals("target", route.topic().render("a=b/x"));
    }

    @Test
    void unmatchedMessageWithoutFallbackIsUnmappable() {
        UnmappableMessageException e = assertThrows(UnmappableMessageException.class,
            () -> mapper(null, "devices/#=d").kafkaTopic("alerts/x"));
        assertTrue(e.getMessage().contains("alerts/x"), e.getMessage());
    }

    @Test
    void missingLevelIsUnmappable() {
        assertThrows(UnmappableMessageException.class, () -> mapper("iot.${5}").kafkaTopic("a/b"));
    }

    @Test
    void unknownPlaceholderAndBadRoutesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TopicTemplate.parse("iot.${device}"));
        assertThrows(IllegalArgumentException.class, () -> TopicRoute.parse("devices/#"));
        assertThrows(IllegalArgumentException.class, () -> TopicRoute.parse("devices/#/x=t"));
    }
}
