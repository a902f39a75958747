package io.tsconnect.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubscriptionTest {

    @Test
    void defaultAndExplicitQos() {
        assertEquals(new Subscription("devices/+/temp", 1), Subscription.parse("devices/+/temp", 1));
        assertEquals(new Subscription("alerts/#", 2), Subscription.parse(" alerts/# ;qos=2", 1));
        assertEquals("alerts/#;qos=2", Subscription.parse("alerts/#;qos=2", 0).toEntry());
    }

    @Test
    void invalidFiltersAndQosAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Subscription.parse("a/#/b", 1));
        assertThrows(IllegalArgumentException.class, () -> Subscription.parse("a/b+", 1));
        assertThrows(IllegalArgumentException.class, () -> Subscription.parse("a/b;qos=3", 1));
        assertThrows(IllegalArgumentException.class, () -> Subscription.parse("", 1));
    }

    @Test
    void sharedFormMatchesLikeThePlainFilter() {
        Subscription shared = Subscription.parse("devices/+/temp", 1).shared("g1");
        assertEquals("$share/g1/devices/+/temp", shared.filter());
        assertEquals("devices/+/temp", shared.plainFilter());
        assertTrue(shared.matches("devices/7/temp"));
        assertFalse(shared.matches("devices/7/humidity"));
        assertEquals(shared, shared.shared("other"));
    }
}
