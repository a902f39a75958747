package io.tsconnect.common.config;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.tsconnect.common.Template;

/**
 * Validates a config value that names a Kafka topic, as a plain name or as a {@link Template} whose placeholders
 * are filled per record. Kafka's rules apply to what is written in the config: not empty, only
 * {@code [a-zA-Z0-9._-]} outside placeholders, at most 249 characters of literal text, and not {@code .} or
 * {@code ..}. What a placeholder renders is the connector's business (it knows the values, and may sanitise them).
 * {@code null} passes: whether a key is required is checked elsewhere.
 */
public final class KafkaTopicValidator implements ConfigDef.Validator {
    /** Kafka's limit on the length of a topic name. */
    public static final int MAX_LENGTH = 249;
    /** The characters Kafka allows in a topic name, as users read them. */
    public static final String LEGAL_CHARACTERS = "ASCII letters, digits, '.', '_' and '-'";

    private final boolean templates;

    private KafkaTopicValidator(boolean templates) {
        this.templates = templates;
    }

    /** A validator for plain topic names (a {@code $} is just an illegal character). */
    public static KafkaTopicValidator names() {
        return new KafkaTopicValidator(false);
    }

    /** A validator for topic templates: {@code ${...}} placeholders are allowed, the text around them is checked. */
    public static KafkaTopicValidator templates() {
        return new KafkaTopicValidator(true);
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        String text = value.toString();
        String problem;
        try {
            problem = templates ? templateProblem(Template.parse(text)) : nameProblem(text);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            throw new ConfigException(name, value, problem);
        }
    }

    /** Why {@code topic} is not a legal Kafka topic name, or {@code null} when it is one. */
    public static String nameProblem(String topic) {
        if (topic.equals(".") || topic.equals("..")) {
            return "'" + topic + "' is reserved and cannot be a Kafka topic name";
        }
        return literalProblem(List.of(topic), "");
    }

    /**
     * Why the text of {@code template} outside its placeholders cannot be part of a Kafka topic name, or
     * {@code null} when it can.
     */
    public static String templateProblem(Template template) {
        if (template.isConstant()) {
            return nameProblem(template.literals().get(0));
        }
        return literalProblem(template.literals(), " outside ${...} placeholders");
    }

    /** Whether Kafka allows {@code c} in a topic name. */
    public static boolean isLegal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
            || c == '-';
    }

    private static String literalProblem(List<String> literals, String where) {
        int length = 0;
        for (String literal : literals) {
            for (int i = 0; i < literal.length(); i++) {
                if (!isLegal(literal.charAt(i))) {
                    return "'" + literal.charAt(i) + "' is not allowed in a Kafka topic name" + where + ": use only "
                        + LEGAL_CHARACTERS;
                }
            }
            length += literal.length();
        }
        if (literals.size() == 1 && length == 0) {
            return "A Kafka topic name must not be empty: give 1 to " + MAX_LENGTH + " of " + LEGAL_CHARACTERS;
        }
        if (length > MAX_LENGTH) {
            return "A Kafka topic name has at most " + MAX_LENGTH + " characters; this one has " + length + where;
        }
        return null;
    }

    @Override
    public String toString() {
        return (templates ? "a Kafka topic name or template: outside ${...} placeholders " : "a Kafka topic name: ")
            + "1 to " + MAX_LENGTH + " of " + LEGAL_CHARACTERS;
    }
}
