package io.tsconnect.mqtt;

import io.tsconnect.common.config.KafkaTopicValidator;

/**
 * Turns a rendered name into a legal Kafka topic name: {@code /} becomes {@code .}, every other character outside
 * {@code [a-zA-Z0-9._-]} becomes {@code _}, and the name is cut at 249 characters.
 */
public final class KafkaTopicNames {
    /** Kafka's limit on topic name length. */
    public static final int MAX_LENGTH = KafkaTopicValidator.MAX_LENGTH;

    private KafkaTopicNames() {
    }

    /**
     * @throws IllegalArgumentException when nothing usable is left (empty, {@code .} or {@code ..})
     */
    public static String sanitise(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_LENGTH));
        for (int i = 0; i < name.length() && out.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            if (c == '/') {
                out.append('.');
            } else if (KafkaTopicValidator.isLegal(c)) {
                out.append(c);
            } else {
                out.append('_');
            }
        }
        String result = out.toString();
        if (result.isEmpty() || result.equals(".") || result.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' does not make a usable Kafka topic name");
        }
        return result;
    }

    /** Whether {@code name} is a legal Kafka topic name as it is. */
    public static boolean isLegal(String name) {
        try {
            return sanitise(name).equals(name) && name.length() <= MAX_LENGTH;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
