package io.tsconnect.mqtt.sparkplug;

import io.tsconnect.mqtt.UnmappableMessageException;

/**
 * A topic of the Sparkplug B namespace: {@code spBv1.0/<group>/<type>/<edge node>[/<device>]}, or a host
 * application's {@code spBv1.0/STATE/<host id>} (Sparkplug 3.0; {@code STATE/<host id>} before it).
 *
 * @param group the group id ({@code null} for STATE)
 * @param type the message type
 * @param edgeNode the edge node id ({@code null} for STATE)
 * @param device the device id, {@code null} for node-level messages
 * @param hostId the host application id of a STATE message, else {@code null}
 */
public record SparkplugTopic(String group, MessageType type, String edgeNode, String device, String hostId) {
    public static final String NAMESPACE = "spBv1.0";

    /**
     * @throws UnmappableMessageException when {@code topic} is not a Sparkplug B topic
     */
    public static SparkplugTopic parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length == 3 && levels[0].equals(NAMESPACE) && levels[1].equals("STATE")) {
            return new SparkplugTopic(null, MessageType.STATE, null, null, levels[2]);
        }
        if (levels.length == 2 && levels[0].equals("STATE")) {
            return new SparkplugTopic(null, MessageType.STATE, null, null, levels[1]);
        }
        MessageType type = levels.length >= 4 && levels[0].equals(NAMESPACE) ? MessageType.of(levels[2]) : null;
        if (type == null || type == MessageType.STATE || levels.length != (type.isDeviceLevel() ? 5 : 4)) {
            throw new UnmappableMessageException("MQTT topic '" + topic + "' is not a Sparkplug B topic ("
                + NAMESPACE + "/<group>/<message type>/<edge node>[/<device>] or " + NAMESPACE + "/STATE/<host>)");
        }
        return new SparkplugTopic(levels[1], type, levels[3], type.isDeviceLevel() ? levels[4] : null, null);
    }

    /** {@code <group>/<edge node>}: what sequence numbers, aliases and births belong to. */
    public String edgeNodeKey() {
        return group + "/" + edgeNode;
    }

    /** The Kafka key: {@code <group>/<edge node>[/<device>]}, or {@code STATE/<host id>}. */
    public String recordKey() {
        if (type == MessageType.STATE) {
            return "STATE/" + hostId;
        }
        return device == null ? edgeNodeKey() : edgeNodeKey() + "/" + device;
    }

    /** Where a command to this edge node goes. */
    public String nodeCommandTopic() {
        return NAMESPACE + "/" + group + "/NCMD/" + edgeNode;
    }
}
