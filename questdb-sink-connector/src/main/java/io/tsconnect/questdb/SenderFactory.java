package io.tsconnect.questdb;

import io.questdb.client.Sender;

/**
 * Opens questdb-client senders from the user's configuration string, with the connector in charge of flushing
 * (auto flush off) and of retrying (retry_timeout 0 unless the user set one, so that a dead server surfaces
 * at once as a retriable error instead of blocking the task thread).
 */
final class SenderFactory {
    private SenderFactory() {
    }

    static Sender open(String confString, ClientConf conf) {
        Sender.LineSenderBuilder builder = Sender.builder(confString);
        if (!conf.has("auto_flush")) {
            builder.disableAutoFlush();
        }
        if (conf.isHttp() && !conf.has("retry_timeout")) {
            builder.retryTimeoutMillis(0);
        }
        return builder.build();
    }
}
