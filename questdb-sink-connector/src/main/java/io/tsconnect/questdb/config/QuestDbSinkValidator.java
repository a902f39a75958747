package io.tsconnect.questdb.config;

import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

import io.tsconnect.common.Template;
import io.tsconnect.common.config.ConfigValues;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.questdb.ClientConf;

/**
 * The QuestDB sink's cross-field checks for {@code Connector.validate()}: each problem is attached to the key it
 * concerns (unknown per-topic override keys get a value of their own), never thrown.
 */
public final class QuestDbSinkValidator {
    private static final Set<String> TABLE_VARIABLES = Set.of("topic", "partition", "key");
    private static final Pattern TTL = Pattern.compile("(?i)\\d+\\s*(HOURS?|DAYS?|WEEKS?|MONTHS?|YEARS?|[hdwMy])");

    private QuestDbSinkValidator() {
    }

    /** Adds the cross-field errors of {@code props} to {@code config}. */
    public static void validate(Map<String, String> props, Config config) {
        Map<String, ConfigValue> values = ConfigValues.byName(config);
        RetryConfig.validate(values);
        if (ConfigValues.hasErrors(config.configValues())) {
            return;
        }
        QuestDbSinkConfig parsed = new QuestDbSinkConfig(props);
        ClientConf conf = clientConf(parsed, values);
        checkTimestamp(parsed, values);
        checkTemplate(parsed.table(), QuestDbSinkConfig.TABLE_CONFIG, values);
        TopicOverrides overrides = parsed.topicOverrides();
        overrides.overridden().values().forEach(s -> checkTemplate(s.table(), QuestDbSinkConfig.TABLE_CONFIG,
            values));
        for (String unknown : overrides.unknownKeys()) {
            ConfigValue value = new ConfigValue(unknown);
            value.addErrorMessage("Unknown per-topic override; use topic.<topic>.table, topic.<topic>.symbols or "
                + "topic.<topic>.timestamp.field.name");
            config.configValues().add(value);
        }
        if (parsed.tableCreation().enabled()) {
            checkTableCreation(parsed, conf, values);
        }
    }

    private static ClientConf clientConf(QuestDbSinkConfig parsed, Map<String, ConfigValue> values) {
        String text = parsed.clientConf().value();
        if (text.contains("${")) {
            return null; // an unresolved config provider reference: checked when the task starts
        }
        try {
            ClientConf conf = ClientConf.parse(text);
            if (!conf.isKnownSchema()) {
                ConfigValues.addError(values, QuestDbSinkConfig.CLIENT_CONF_CONFIG,
                    "Unknown transport '" + conf.schema() + "'; use http, https, tcp or tcps");
            } else if (conf.has("auto_flush") && !"off".equalsIgnoreCase(conf.get("auto_flush").trim())) {
                ConfigValues.addError(values, QuestDbSinkConfig.CLIENT_CONF_CONFIG, "auto_flush must be off or "
                    + "absent: the connector flushes (flush.rows, flush.interval.ms) to commit offsets safely");
            }
            return conf;
        } catch (IllegalArgumentException e) {
            ConfigValues.addError(values, QuestDbSinkConfig.CLIENT_CONF_CONFIG, e.getMessage());
            return null;
        }
    }

    private static void checkTimestamp(QuestDbSinkConfig parsed, Map<String, ConfigValue> values) {
        if (parsed.timestamp().source() == TimestampSource.FIELD
            && (parsed.timestamp().field() == null || parsed.timestamp().field().isBlank())) {
            ConfigValues.addError(values, TimestampConfig.TS_FIELD_CONFIG,
                "Required when timestamp.source=field");
        }
        if (!parsed.timestamp().format().isBlank()) {
            try {
                DateTimeFormatter.ofPattern(parsed.timestamp().format());
            } catch (IllegalArgumentException e) {
                ConfigValues.addError(values, TimestampConfig.TS_FORMAT_CONFIG, "Invalid pattern: "
                    + e.getMessage());
            }
        }
    }

    private static void checkTemplate(String template, String key, Map<String, ConfigValue> values) {
        try {
            Set<String> unknown = new HashSet<>(Template.parse(template).variables());
            unknown.removeAll(TABLE_VARIABLES);
            if (!unknown.isEmpty()) {
                ConfigValues.addError(values, key, "Unknown variables " + unknown + " in '" + template
                    + "'; use ${topic}, ${partition} or ${key}");
            }
        } catch (IllegalArgumentException e) {
            ConfigValues.addError(values, key, e.getMessage());
        }
    }

    private static void checkTableCreation(QuestDbSinkConfig parsed, ClientConf conf,
                                           Map<String, ConfigValue> values) {
        TableCreationConfig tables = parsed.tableCreation();
        String create = TableCreationConfig.TABLE_CREATE_CONFIG;
        if (conf != null && !conf.isHttp()) {
            ConfigValues.addError(values, create, "Table creation uses the HTTP API: needs an http:: or https:: "
                + "client configuration string");
        }
        Set<String> declared = new HashSet<>(parsed.mapping().symbols());
        declared.addAll(parsed.mapping().uuids());
        declared.add(tables.timestampColumn());
        for (String column : tables.columns()) {
            String[] parts = column.trim().split("\\s+", 2);
            if (parts.length < 2) {
                ConfigValues.addError(values, TableCreationConfig.TABLE_COLUMNS_CONFIG, "'" + column
                    + "' is not 'name TYPE'");
            } else {
                declared.add(parts[0]);
            }
        }
        for (String key : tables.dedupKeys()) {
            if (!declared.contains(key)) {
                ConfigValues.addError(values, TableCreationConfig.TABLE_DEDUP_CONFIG, "Dedup key '" + key
                    + "' must be a symbol, a uuid or declared in table.columns");
            }
        }
        boolean partitioned = tables.partitionBy() != PartitionBy.NONE;
        if (!tables.dedupKeys().isEmpty() && !partitioned) {
            ConfigValues.addError(values, TableCreationConfig.TABLE_DEDUP_CONFIG, "Dedup needs a partitioned table");
        }
        if (!tables.ttl().isEmpty() && (!partitioned || !TTL.matcher(tables.ttl()).matches())) {
            ConfigValues.addError(values, TableCreationConfig.TABLE_TTL_CONFIG, "TTL must look like '30 DAYS' or "
                + "'12 HOURS' and needs a partitioned table");
        }
    }
}
