package io.tsconnect.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits for a condition with a timeout, failing with a message that says what was awaited and what was seen. */
public final class Await {
    private Await() {
    }

    /**
     * Polls {@code condition} every 200 ms until it is true.
     *
     * @param what what is awaited, e.g. "10000 rows in device_readings"
     * @param timeout how long to wait
     * @param condition the condition; exceptions count as "not yet"
     * @param state what was seen, shown on timeout, e.g. the current row count
     */
    public static void until(String what, Duration timeout, Callable<Boolean> condition, Supplier<?> state) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(condition);
        } catch (ConditionTimeoutException e) {
            Object seen;
            try {
                seen = state.get();
            } catch (RuntimeException stateFailure) {
                seen = "(state unavailable: " + stateFailure + ")";
            }
            throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last seen: " + seen, e);
        }
    }

    /** {@link #until(String, Duration, Callable, Supplier)} without a state report. */
    public static void until(String what, Duration timeout, Callable<Boolean> condition) {
        until(what, timeout, condition, () -> "n/a");
    }
}
