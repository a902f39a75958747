package io.tsconnect.simulator;

/**
 * One simulated message.
 *
 * @param topic the MQTT topic
 * @param payload the JSON payload
 */
public record Reading(String topic, String payload) {
}
