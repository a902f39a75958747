package io.tsconnect.redis;

import org.junit.jupiter.api.Test;

import io.tsconnect.common.config.ConfigDocs;
import io.tsconnect.testsupport.ConfigDocsCheck;

/** docs/config/redis-timeseries-sink-connector.md is what the ConfigDef renders. */
class RedisTimeSeriesSinkConfigDocsTest {
    static final String INTRO = """
        Writes Kafka records to RedisTimeSeries (Redis 8, or Redis Stack / Redis 7 with the RedisTimeSeries \
        module). Each record becomes one sample (`ts.record.format=value`), one sample per numeric field \
        (`wide`) or one per field of a Telegraf JSON metric (`telegraf`). Series keys come from \
        `ts.key.template`; a task creates each series it writes once, with the configured retention, duplicate \
        policy, encoding, chunk size and labels, then writes samples with pipelined TS.MADD calls on two sender \
        threads that take batches in turn (so each series gets its samples in offset order) while the task keeps \
        reading Kafka. With `value.converter=org.apache.kafka.connect.converters.ByteArrayConverter` and \
        `value.format=json` the connector reads JSON values itself, only the fields it needs (the fast path, \
        `connector-configs/alternatives/redis-timeseries-sink-fast.json`). Samples Redis \
        rejects (duplicates under BLOCK, older than retention, a key of another type) and invalid values go to \
        the errant record reporter (dead letter queue) per `errors.tolerance`; lost connections are retried \
        with backoff and nothing is lost. Offsets are committed only for records Redis acknowledged or that \
        were reported.""";

    @Test
    void configReferenceIsCurrent() {
        ConfigDocsCheck.assertCurrent("redis-timeseries-sink-connector",
            ConfigDocs.markdown("RedisTimeSeries sink connector (`" + RedisTimeSeriesSinkConnector.class.getName()
                + "`)", INTRO, RedisTimeSeriesSinkConfig.CONFIG_DEF));
    }
}
