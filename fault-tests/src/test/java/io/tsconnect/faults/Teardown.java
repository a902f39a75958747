package io.tsconnect.faults;

/** Stops what an IT started, in order, every one of them even when an earlier one fails to close. */
public final class Teardown {
    private Teardown() {
    }

    /**
     * Closes every non-null resource in the order given (Connect before the services its tasks talk to).
     *
     * @throws Exception the first failure, with any later ones suppressed into it
     */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
