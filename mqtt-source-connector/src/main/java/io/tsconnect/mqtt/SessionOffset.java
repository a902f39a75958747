package io.tsconnect.mqtt;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The source offset of a task: MQTT has no replayable position (the broker session plays that part), so the offset
 * records which subscriptions the session holds. A task that restarts with fewer filters (after a reconfiguration
 * moved them to another task) unsubscribes the ones it no longer owns instead of receiving them forever.
 *
 * @param clientId the session's client identifier (the source partition)
 * @param subscriptions the subscriptions the session holds, as config entries
 */
public record SessionOffset(String clientId, List<String> subscriptions) {
    public static final String CLIENT_ID_KEY = "mqtt.client.id";
    static final String SUBSCRIPTIONS_KEY = "subscriptions";
    private static final String SEPARATOR = "\n";

    /** The source partition of a task's records. */
    public static Map<String, Object> partition(String clientId) {
        return Map.of(CLIENT_ID_KEY, clientId);
    }

    /** The offset map stored by Connect. */
    public Map<String, Object> toMap() {
        return Map.of(SUBSCRIPTIONS_KEY, String.join(SEPARATOR, subscriptions));
    }

    /** Reads an offset stored by {@link #toMap()}; {@code null} or a foreign map gives no subscriptions. */
    public static SessionOffset fromMap(String clientId, Map<String, Object> offset) {
        Object value = offset == null ? null : offset.get(SUBSCRIPTIONS_KEY);
        if (!(value instanceof String s) || s.isEmpty()) {
            return new SessionOffset(clientId, List.of());
        }
        return new SessionOffset(clientId, Arrays.asList(s.split(SEPARATOR)));
    }
}
