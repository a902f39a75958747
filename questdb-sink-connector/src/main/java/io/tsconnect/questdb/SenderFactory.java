package io.tsconnect.questdb;

import io.questdb.client.Sender;

/**
 * Opens questdb-client senders from the user's configuration string, with the connector in charge of flushing
 * (auto flush off) and of retrying (retry_timeout 0 unless the user set one, so that a dead server surfaces
 * at once as a retriable error instead of blocking the task thread). Over HTTP the request buffer starts at the
 * size of a full batch (unless the user set {@code init_buf_size}).
 */
final class SenderFactory {
    /** Bytes of buffer per row of a batch: an ILP row of a few symbols and numbers takes about 100. */
    static final int BYTES_PER_ROW = 128;
    /** questdb-client's own initial and maximum HTTP buffer sizes. */
    static final int CLIENT_INIT_BUF_SIZE = 64 * 1024;
    static final int CLIENT_MAX_BUF_SIZE = 100 * 1024 * 1024;
    /** The most allocated up front per sender (a batch of larger rows grows the buffer as before). */
    static final int MAX_INITIAL_BUF_SIZE = 16 * 1024 * 1024;

    private SenderFactory() {
    }

    /**
     * @param batchRows the rows of a full batch ({@code flush.rows})
     */
    static Sender open(String confString, ClientConf conf, int batchRows) {
        Sender.LineSenderBuilder builder = Sender.builder(confString);
        if (!conf.has("auto_flush")) {
            builder.disableAutoFlush();
        }
        if (conf.isHttp() && !conf.has("retry_timeout")) {
            builder.retryTimeoutMillis(0);
        }
        if (conf.isHttp() && !conf.has("init_buf_size")) {
            builder.bufferCapacity(initialBufferSize(conf, batchRows));
        }
        return builder.build();
    }

    /**
     * The request buffer for a batch of {@code batchRows} rows, within the client's bounds. The client starts at
     * 64 KiB and doubles the buffer as a batch outgrows it: seven times on the way to a 50,000-row batch, each
     * growth copying the buffer and, on a freshly started worker, invalidating the JIT's compiled encoding code
     * (the growth branch was never taken while it was profiled), which then has to be compiled again while
     * records are waiting; a profile counted four or five such recompiles in a new task's first seconds. At
     * most {@link #MAX_INITIAL_BUF_SIZE} is allocated up front, never less than the client's 64 KiB, never more
     * than {@code max_buf_size}.
     */
    static int initialBufferSize(ClientConf conf, int batchRows) {
        long max = CLIENT_MAX_BUF_SIZE;
        String configured = conf.get("max_buf_size");
        if (configured != null) {
            try {
                max = Long.parseLong(configured.trim());
            } catch (NumberFormatException e) {
                // The client reports the bad value when the sender is built.
            }
        }
        long wanted = Math.min(MAX_INITIAL_BUF_SIZE, Math.max(CLIENT_INIT_BUF_SIZE, (long) batchRows * BYTES_PER_ROW));
        return (int) Math.max(Math.min(wanted, max), Math.min(CLIENT_INIT_BUF_SIZE, max));
    }
}
