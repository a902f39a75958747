package io.tsconnect.mqtt.sparkplug;

/** The message types of the Sparkplug B topic namespace. */
public enum MessageType {
    NBIRTH, NDEATH, DBIRTH, DDEATH, NDATA, DDATA, NCMD, DCMD, STATE;

    /** Whether the topic of this type names a device after the edge node. */
    public boolean isDeviceLevel() {
        return this == DBIRTH || this == DDEATH || this == DDATA || this == DCMD;
    }

    /** Whether the payload carries the edge node's sequence number (all but NDEATH and commands). */
    public boolean hasSequence() {
        return this == NBIRTH || this == DBIRTH || this == DDEATH || this == NDATA || this == DDATA;
    }

    /** The type named {@code text}, or {@code null}. */
    static MessageType of(String text) {
        for (MessageType type : values()) {
            if (type.name().equals(text)) {
                return type;
            }
        }
        return null;
    }
}
