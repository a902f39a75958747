package io.tsconnect.mqtt;

import org.apache.kafka.connect.errors.DataException;

/**
 * A message that cannot become a record as configured: a payload that does not parse, a topic no route takes.
 * It goes to the error path that {@code errors.tolerance} and {@code value.parse.errors.topic} choose.
 */
public class UnmappableMessageException extends DataException {
    private static final long serialVersionUID = 1L;

    public UnmappableMessageException(String message) {
        super(message);
    }

    public UnmappableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
