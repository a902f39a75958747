package io.tsconnect.mqtt.sink;

import org.apache.kafka.connect.errors.DataException;

/** A record that cannot become an MQTT message (no valid topic, a value that cannot be sent); goes to the DLQ. */
public class UnpublishableRecordException extends DataException {
    private static final long serialVersionUID = 1L;

    public UnpublishableRecordException(String message) {
        super(message);
    }

    public UnpublishableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
