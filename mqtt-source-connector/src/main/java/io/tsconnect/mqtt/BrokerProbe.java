package io.tsconnect.mqtt;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.config.ConfigValue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.tsconnect.common.mqtt.BrokerAddress;
import io.tsconnect.common.mqtt.ConnectFailures;
import io.tsconnect.common.mqtt.MqttVersion;
import io.tsconnect.mqtt.config.MqttSourceConfig;

/**
 * Connects once, at validation, with a throw-away clean session, so that an unreachable broker or rejected
 * credentials show up next to the key to fix instead of as a failed task later.
 */
final class BrokerProbe {
    private BrokerProbe() {
    }

    /** Tries the first broker URI and attaches any failure to the config key it concerns. */
    static void check(MqttSourceConfig config, Map<String, ConfigValue> values) {
        SessionSettings settings;
        try {
            settings = SessionSettings.from(config, "tsconnect-validate-" + UUID.randomUUID());
        } catch (RuntimeException e) {
            values.get(MqttSourceConfig.TLS_PREFIX + "truststore.path").addErrorMessage(e.getMessage());
            return;
        }
        BrokerAddress server = settings.server(0);
        try {
            connect(settings);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            String fatal = ConnectFailures.fatalReason(cause, server, settings.clientId());
            if (fatal != null && fatal.contains("mqtt.password")) {
                values.get(MqttSourceConfig.PASSWORD_CONFIG).addErrorMessage(fatal);
            } else if (fatal != null) {
                values.get(MqttSourceConfig.SERVER_URIS_CONFIG).addErrorMessage(fatal);
            } else {
                values.get(MqttSourceConfig.SERVER_URIS_CONFIG).addErrorMessage("Cannot connect to " + server + ": "
                    + cause + " (set " + MqttSourceConfig.VALIDATE_CONNECTION_CONFIG + "=false to skip this check)");
            }
        }
    }

    private static void connect(SessionSettings settings) {
        var builder = MqttClient.builder().identifier(settings.clientId()).transportConfig(settings.transport(0));
        long timeout = settings.connectTimeout().toMillis();
        if (settings.version() == MqttVersion.V5) {
            Mqtt5BlockingClient client = builder.useMqttVersion5().buildBlocking();
            var connect = client.connectWith().cleanStart(true).noSessionExpiry();
            if (settings.username() != null || settings.password() != null) {
                connect.simpleAuth(settings.credentials().v5());
            }
            connect.send();
            client.toAsync().disconnect().orTimeout(timeout, TimeUnit.MILLISECONDS).join();
        } else {
            Mqtt3BlockingClient client = builder.useMqttVersion3().buildBlocking();
            var connect = client.connectWith().cleanSession(true);
            if (settings.username() != null) {
                connect.simpleAuth(settings.credentials().v3());
            }
            connect.send();
            client.toAsync().disconnect().orTimeout(timeout, TimeUnit.MILLISECONDS).join();
        }
    }
}
