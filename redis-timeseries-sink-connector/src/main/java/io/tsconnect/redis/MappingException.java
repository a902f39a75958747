package io.tsconnect.redis;

import org.apache.kafka.connect.errors.DataException;

/** A record that cannot become samples; {@link #invalidValue()} tells a bad value from any other problem. */
public final class MappingException extends DataException {
    private static final long serialVersionUID = 1L;
    private final boolean invalidValue;

    public MappingException(String message, boolean invalidValue) {
        super(message);
        this.invalidValue = invalidValue;
    }

    /** True when the value was null, NaN, infinite or not a number (ts.invalid.value.behavior applies). */
    public boolean invalidValue() {
        return invalidValue;
    }
}
