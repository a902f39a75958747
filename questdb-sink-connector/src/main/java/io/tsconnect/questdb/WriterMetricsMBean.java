package io.tsconnect.questdb;

/** The JMX view of {@link WriterMetrics}. */
public interface WriterMetricsMBean {
    /** Rows acknowledged by QuestDB since the task started. */
    long getRowsWritten();

    /** Rows acknowledged per second, averaged since the task started. */
    double getRowsPerSecond();

    /** Successful flushes. */
    long getFlushes();

    /** Average time of a successful flush in milliseconds. */
    double getFlushLatencyAvgMs();

    /** Time of the last successful flush in milliseconds. */
    double getFlushLatencyLastMs();

    /** Flushes that failed for a transient reason and will be retried. */
    long getRetries();

    /** Records sent to the errant record reporter (DLQ). */
    long getErrantRecords();
}
