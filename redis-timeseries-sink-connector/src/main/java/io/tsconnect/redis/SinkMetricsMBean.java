package io.tsconnect.redis;

/** JMX view of one sink task's counters. */
public interface SinkMetricsMBean {
    /** Samples Redis acknowledged. */
    long getSamplesWritten();

    /** TS.MADD commands sent. */
    long getBatches();

    /** Series this task created. */
    long getSeriesCreated();

    /** Records reported as errant or dropped (invalid values, rejected samples). */
    long getRecordErrors();

    /** put() calls that failed transiently and were retried. */
    long getRetries();
}
