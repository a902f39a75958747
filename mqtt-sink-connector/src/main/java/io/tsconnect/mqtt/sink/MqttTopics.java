package io.tsconnect.mqtt.sink;

import java.nio.charset.StandardCharsets;

import io.tsconnect.common.Template;

/**
 * MQTT's rules for a topic name a client publishes to (MQTT 5 §4.7): not empty, no {@code +} or {@code #}
 * wildcard, no NUL, at most 65,535 bytes of UTF-8. Topics starting with {@code $} are refused as well: brokers
 * reserve them ({@code $SYS/...}, {@code $share/...}) and drop or reject publishes there.
 */
public final class MqttTopics {
    /** The longest topic MQTT can carry, in UTF-8 bytes. */
    public static final int MAX_BYTES = 65_535;

    private MqttTopics() {
    }

    /** Why {@code topic} cannot be published to, or {@code null} when it can. */
    public static String problem(String topic) {
        if (topic.isEmpty()) {
            return "the topic is empty";
        }
        if (topic.charAt(0) == '$') {
            return "topic '" + topic + "' starts with $, which brokers reserve";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                return "topic '" + topic + "' contains the wildcard '" + c + "', which a published topic cannot have";
            }
            if (c == '\0') {
                return "the topic contains a NUL character";
            }
        }
        if (topic.length() * 3 > MAX_BYTES && topic.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "the topic is longer than " + MAX_BYTES + " bytes";
        }
        return null;
    }

    /** Why the literal text of {@code template} can never be part of a valid topic, or {@code null}. */
    public static String templateProblem(Template template) {
        if (template.isConstant()) {
            return problem(template.literals().get(0));
        }
        if (template.literals().get(0).startsWith("$")) {
            return "the topic starts with $, which brokers reserve";
        }
        for (String literal : template.literals()) {
            if (literal.indexOf('+') >= 0 || literal.indexOf('#') >= 0) {
                return "the template contains a + or # wildcard, which a published topic cannot have";
            }
        }
        return null;
    }
}
