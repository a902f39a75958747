package io.tsconnect.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tsconnect.mqtt.config.MqttSourceConfig;
import io.tsconnect.mqtt.config.MqttSourceTaskConfig;

/**
 * Splits the subscriptions over tasks: round-robin without a shared group (each filter is subscribed once), or
 * every filter in its shared form on every task with one. Task {@code n} always gets client id
 * {@code <prefix>-n}, so a restarted task resumes its own session.
 */
public final class TaskAssignment {
    private TaskAssignment() {
    }

    /**
     * @param props the connector config
     * @param config the parsed connector config
     * @param connectorName the connector name, the default client id prefix
     * @param maxTasks tasks.max
     */
    public static List<Map<String, String>> taskConfigs(Map<String, String> props, MqttSourceConfig config,
                                                        String connectorName, int maxTasks) {
        List<Subscription> all = config.subscriptions();
        String group = config.sharedGroup();
        int tasks = group != null ? maxTasks : Math.min(maxTasks, all.size());
        List<List<Subscription>> split = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            split.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            if (group != null) {
                for (List<Subscription> task : split) {
                    task.add(all.get(i).shared(group));
                }
            } else {
                split.get(i % tasks).add(all.get(i));
            }
        }
        String prefix = config.clientIdPrefix(connectorName);
        List<Map<String, String>> configs = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(MqttSourceTaskConfig.TASK_SUBSCRIPTIONS_CONFIG,
                split.get(i).stream().map(Subscription::toEntry).collect(Collectors.joining(",")));
            task.put(MqttSourceTaskConfig.TASK_CLIENT_ID_CONFIG, prefix + "-" + i);
            task.put(MqttSourceTaskConfig.TASK_INDEX_CONFIG, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }
}
