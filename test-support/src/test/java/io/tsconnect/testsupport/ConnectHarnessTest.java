package io.tsconnect.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.junit.jupiter.api.Test;

class ConnectHarnessTest {

    @Test
    void aLeaderThatCannotBeReachedOrARebalanceIsWorthAnotherTry() {
        // What EmbeddedConnect threw when a new worker forwarded to the leader that had just left.
        assertTrue(ConnectHarness.transientRestFailure(failedPut(500,
            "IO Error trying to forward REST request: java.net.ConnectException: Connection refused")));
        assertTrue(ConnectHarness.transientRestFailure(failedPut(409,
            "Cannot complete request momentarily due to stale configuration")));
    }

    @Test
    void aRejectedConfigOrAMissingPluginIsNot() {
        assertFalse(ConnectHarness.transientRestFailure(failedPut(400,
            "Connector configuration is invalid and contains the following 1 error(s)")));
        assertFalse(ConnectHarness.transientRestFailure(failedPut(500,
            "Failed to find any class that implements Connector")));
    }

    /** The exception EmbeddedConnect throws for a PUT the worker answered with {@code status}. */
    private static ConnectRestException failedPut(int status, String message) {
        return new ConnectRestException(status, "Could not execute PUT request. Error response: {\"error_code\":"
            + status + ",\"message\":\"" + message + "\"}");
    }
}
