package io.tsconnect.questdb;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.tsconnect.common.Template;
import io.tsconnect.questdb.config.MappingConfig;
import io.tsconnect.questdb.config.QuestDbSinkConfig;
import io.tsconnect.questdb.config.TimestampConfig;
import io.tsconnect.questdb.config.TimestampType;
import io.tsconnect.questdb.config.TombstoneBehavior;
import io.tsconnect.questdb.config.TopicOverrides;
import io.tsconnect.questdb.config.ValueFormat;

/**
 * Converts a {@link SinkRecord} into a {@link Row}: the table from the (per-topic) template, the designated
 * timestamp, the key columns (when included) and the value columns; JSON text values are streamed by the
 * {@link JsonRowReader} when {@code value.format=json}. Every problem with one record is a
 * {@link DataException}, which sends that record alone to the DLQ.
 */
public final class RecordMapper {
    private final QuestDbSinkConfig config;
    private final TopicOverrides overrides;
    private final ValueFlattener flattener;
    private final Map<String, TopicMapping> byTopic = new HashMap<>();
    private final Set<String> noSymbols = Set.of();
    private final JsonRowReader json;
    private final boolean failOnTombstone;
    private final String keyPrefix;
    private final String valuePrefix;
    private String lastTopic;
    private TopicMapping lastMapping;

    /**
     * What one topic's records are mapped with; {@code fixedTable} is the table name when the template does not
     * depend on the record (only on the topic), else null.
     */
    private record TopicMapping(Template table, String fixedTable, Set<String> symbols,
                                TimestampResolver timestamp) {
    }

    public RecordMapper(QuestDbSinkConfig config) {
        this.config = config;
        this.overrides = config.topicOverrides();
        MappingConfig m = config.mapping();
        this.flattener = new ValueFlattener(new HashSet<>(m.doubles()), new HashSet<>(m.uuids()),
            m.flattenSeparator(), m.flattenDepth(), m.bytesEncoding(), m.arrayMode(), m.skipUnsupported());
        this.json = m.valueFormat() == ValueFormat.JSON
            ? new JsonRowReader(flattener, m.flattenSeparator(), m.flattenDepth()) : null;
        this.failOnTombstone = m.tombstones() == TombstoneBehavior.FAIL;
        this.keyPrefix = m.includeKey() ? m.keyPrefix() : null;
        this.valuePrefix = m.valuePrefix();
    }

    /**
     * Converts {@code record}, or returns null for a tombstone that is to be ignored.
     *
     * @throws DataException when the record cannot be written
     * @throws ConnectException for a tombstone when tombstones=fail
     */
    public Row map(SinkRecord record) {
        Row row = new Row();
        return map(record, row) ? row : null;
    }

    /**
     * Converts {@code record} into {@code row} (reset first), so a sender thread can reuse one Row for every record.
     *
     * @return false for a tombstone that is to be ignored
     * @throws DataException when the record cannot be written
     * @throws ConnectException for a tombstone when tombstones=fail
     */
    public boolean map(SinkRecord record, Row row) {
        flattener.startRecord();
        Object value = record.value();
        boolean stream = json != null && JsonRowReader.isObjectText(value);
        if (json != null && !stream && JsonRowReader.isText(value)) {
            value = json.parse(record);
        }
        if (value == null) {
            if (failOnTombstone) {
                throw new ConnectException("Tombstone at " + RecordIds.of(record) + " and tombstones=fail");
            }
            return false;
        }
        TopicMapping mapping = mappingOf(record.topic());
        TimestampResolver timestamp = mapping.timestamp();
        row.reset(tableName(mapping, record));
        if (timestamp.field() == null) {
            timestamp.apply(record, value, row);
        }
        if (keyPrefix != null && record.key() != null) {
            flattener.addAll(row, keyPrefix, record.key(), record.keySchema(), mapping.symbols(), null);
        }
        if (stream) {
            json.addAll(row, record, valuePrefix, mapping.symbols(), timestamp);
        } else {
            String skip = timestamp.field() == null ? null : timestamp.field().toString();
            flattener.addAll(row, valuePrefix, value, record.valueSchema(), mapping.symbols(), skip);
            if (skip != null) {
                // The columns' pass met the timestamp field on its way: no second lookup in the value.
                timestamp.fromField(flattener.skipped(), value, row);
            }
        }
        return true;
    }

    /** The symbol columns of {@code topic}'s records (for table creation). */
    public Set<String> symbolsOf(String topic) {
        return mappingOf(topic).symbols();
    }

    /** The mapping of {@code topic}; a batch is mostly one topic, so the last one is kept at hand. */
    private TopicMapping mappingOf(String topic) {
        if (!topic.equals(lastTopic)) {
            lastMapping = byTopic.computeIfAbsent(topic, this::mapping);
            lastTopic = topic;
        }
        return lastMapping;
    }

    private TopicMapping mapping(String topic) {
        TopicOverrides.Settings settings = overrides.forTopic(topic);
        TimestampConfig ts = config.timestamp();
        TimestampResolver timestamp = new TimestampResolver(ts.source(), settings.timestampField(), ts.units(),
            ts.format(), config.tableCreation().timestampType() == TimestampType.TIMESTAMP_NS);
        Set<String> symbols = new HashSet<>();
        settings.symbols().forEach(s -> symbols.add(ColumnNames.column(s)));
        Template table = Template.parse(settings.table());
        String fixedTable = Set.of("topic").containsAll(table.variables())
            ? ColumnNames.table(table.render(variable -> topic)) : null;
        return new TopicMapping(table, fixedTable, symbols.isEmpty() ? noSymbols : symbols, timestamp);
    }

    private static String tableName(TopicMapping mapping, SinkRecord record) {
        if (mapping.fixedTable() != null) {
            return mapping.fixedTable();
        }
        Template template = mapping.table();
        try {
            return ColumnNames.table(template.render(variable -> switch (variable) {
                case "topic" -> record.topic();
                case "partition" -> record.kafkaPartition();
                case "key" -> keyText(record.key());
                default -> null;
            }));
        } catch (Template.MissingVariableException e) {
            throw new DataException("Cannot name the table of " + RecordIds.of(record) + ": " + e.getMessage());
        }
    }

    private static String keyText(Object key) {
        if (key == null || key instanceof Struct || key instanceof Map) {
            return null;
        }
        return key instanceof byte[] raw ? new String(raw, java.nio.charset.StandardCharsets.UTF_8)
            : String.valueOf(key);
    }
}
