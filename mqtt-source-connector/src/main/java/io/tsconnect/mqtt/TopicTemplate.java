package io.tsconnect.mqtt;

import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.tsconnect.common.Template;
import io.tsconnect.common.config.KafkaTopicValidator;

/**
 * A template over the levels of an MQTT topic: {@code ${1}} is the first level, {@code ${2}} the second…,
 * {@code ${topic}} the whole topic. {@code iot.${2}} renders {@code devices/7/temp} as {@code iot.7}.
 */
public final class TopicTemplate {
    private static final Pattern LEVEL = Pattern.compile("[1-9][0-9]*");
    private static final Pattern SLASH = Pattern.compile("/", Pattern.LITERAL);

    /** Validates a template string (null and blank are allowed: the key is optional). */
    public static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || ((String) value).isBlank()) {
                return;
            }
            try {
                parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "text with ${1}..${n} (MQTT topic levels) and ${topic} placeholders";
        }
    };

    /**
     * Validates a Kafka topic template: placeholders as for {@link #VALIDATOR}, and the text around them a legal
     * Kafka topic name (null passes: the key is optional; empty does not).
     */
    public static final ConfigDef.Validator KAFKA_TOPIC_VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                parseKafkaTopic((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a Kafka topic name, or a template with ${1}..${n} (MQTT topic levels) and ${topic}; outside the "
                + "placeholders 1 to " + KafkaTopicValidator.MAX_LENGTH + " of " + KafkaTopicValidator.LEGAL_CHARACTERS;
        }
    };

    private final Template template;

    private TopicTemplate(Template template) {
        this.template = template;
    }

    /** Parses {@code source}, rejecting placeholders other than level numbers and {@code topic}. */
    public static TopicTemplate parse(String source) {
        Template template = Template.parse(source);
        for (String variable : template.variables()) {
            if (!variable.equals("topic") && !LEVEL.matcher(variable).matches()) {
                throw new IllegalArgumentException("Unknown placeholder '${" + variable + "}' in '" + source
                    + "': use ${1}..${n} for MQTT topic levels or ${topic}");
            }
        }
        return new TopicTemplate(template);
    }

    /**
     * Parses {@code source} as a Kafka topic template: as {@link #parse}, and the text outside the placeholders must
     * be a legal Kafka topic name (what placeholders render is sanitised per message).
     */
    public static TopicTemplate parseKafkaTopic(String source) {
        TopicTemplate parsed = parse(source);
        String problem = KafkaTopicValidator.templateProblem(parsed.template);
        if (problem != null) {
            throw new IllegalArgumentException(problem + " (in '" + source + "')");
        }
        return parsed;
    }

    /**
     * Renders the template for a message on {@code topic}.
     *
     * @throws Template.MissingVariableException when the topic has fewer levels than a placeholder asks for
     */
    public String render(String topic) {
        if (template.isConstant()) {
            return template.render(v -> null);
        }
        String[] levels = SLASH.split(topic, -1);
        return template.render(variable -> {
            if (variable.equals("topic")) {
                return topic;
            }
            int level = Integer.parseInt(variable);
            return level <= levels.length ? levels[level - 1] : null;
        });
    }

    @Override
    public String toString() {
        return template.toString();
    }
}
