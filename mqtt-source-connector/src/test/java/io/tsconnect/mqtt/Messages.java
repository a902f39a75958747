package io.tsconnect.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds {@link InboundMessage}s for unit tests, counting acknowledgements. */
final class Messages {
    final AtomicInteger acks = new AtomicInteger();

    InboundMessage message(String topic, String payload) {
        return message(topic, payload, List.of());
    }

    InboundMessage message(String topic, String payload, List<Map.Entry<String, String>> properties) {
        return new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, properties,
            "application/json", "replies/1", new byte[] {1, 2}, 1_700_000_000_000L, acks::incrementAndGet);
    }
}
