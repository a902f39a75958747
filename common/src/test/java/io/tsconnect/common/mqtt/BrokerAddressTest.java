package io.tsconnect.common.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Broker URIs as users write them in mqtt.server.uris. */
class BrokerAddressTest {

    @Test
    void brokerAddresses() {
        BrokerAddress tcp = BrokerAddress.parse("tcp://broker:1884");
        assertEquals("broker", tcp.host());
        assertEquals(1884, tcp.port());
        assertFalse(tcp.tls());
        assertEquals(8883, BrokerAddress.parse("ssl://b").port());
        BrokerAddress wss = BrokerAddress.parse("wss://b/mqtt");
        assertTrue(wss.tls() && wss.webSocket());
        assertEquals("mqtt", wss.path());
        assertEquals("tcp", BrokerAddress.parse("mqtt://b").scheme());
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse("http://b"));
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse("tcp://"));
    }

    @Test
    void webSocketUrisKeepTheirPathDecodedAndRefuseWhatCannotBeSent() {
        BrokerAddress ws = BrokerAddress.parse("ws://b:8080/mqtt%20v5");
        assertTrue(ws.webSocket() && !ws.tls());
        assertEquals(8080, ws.port());
        assertEquals("mqtt v5", ws.path());
        assertEquals(80, BrokerAddress.parse("ws://b").port());
        assertEquals("", BrokerAddress.parse("ws://b").path());
        assertEquals(443, BrokerAddress.parse("wss://b/mqtt").port());
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse("wss://b/mqtt?token=x"));
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse("ws://b/mqtt#x"));
    }
}
