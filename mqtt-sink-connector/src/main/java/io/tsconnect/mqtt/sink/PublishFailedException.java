package io.tsconnect.mqtt.sink;

import org.apache.kafka.connect.errors.RetriableException;

/** The broker is unreachable or the connection was lost; every unacknowledged record is still held. */
public class PublishFailedException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public PublishFailedException(String message) {
        super(message);
    }

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
