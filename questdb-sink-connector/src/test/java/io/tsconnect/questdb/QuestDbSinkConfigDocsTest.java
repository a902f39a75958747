package io.tsconnect.questdb;

import org.junit.jupiter.api.Test;

import io.tsconnect.common.config.ConfigDocs;
import io.tsconnect.questdb.config.QuestDbSinkConfig;
import io.tsconnect.testsupport.ConfigDocsCheck;

class QuestDbSinkConfigDocsTest {
    static final String INTRO = """
        Writes Kafka records to QuestDB over ILP with questdb-client (HTTP by default, every flush acknowledged).
        Offsets are committed only for rows QuestDB acknowledged or records sent to the dead letter queue; a
        batch QuestDB rejects is split in halves until the bad rows are isolated. ILP cannot create DECIMAL
        columns: declare them in `table.columns` with `table.create=true`, or create the table yourself. An
        ILP/HTTP request spanning several tables is not atomic in QuestDB, so a rejected multi-table batch can
        re-send rows of the other tables: use DEDUP UPSERT KEYS (`table.dedup.keys`) where that matters.
        Per-topic overrides: `topic.<topic>.table`, `topic.<topic>.symbols`, `topic.<topic>.timestamp.field.name`.
        Metrics: JMX `kafka.connect.tsconnect:type=questdb-sink-task,connector=<name>,task=<n>`.
        """;

    @Test
    void committedDocsAreCurrent() {
        ConfigDocsCheck.assertCurrent("questdb-sink-connector",
            ConfigDocs.markdown("QuestDB sink connector (io.tsconnect.questdb.QuestDbSinkConnector)", INTRO,
                QuestDbSinkConfig.CONFIG_DEF));
    }
}
