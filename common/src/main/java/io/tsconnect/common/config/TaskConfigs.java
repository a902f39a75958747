package io.tsconnect.common.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Task configs of a sink connector: the connector's config for each task, with the task's number added. */
public final class TaskConfigs {
    private TaskConfigs() {
    }

    /**
     * {@code maxTasks} copies of {@code props}, the i-th with {@code taskIdKey = i} (tasks name their metrics and
     * threads after it).
     */
    public static List<Map<String, String>> numbered(Map<String, String> props, int maxTasks, String taskIdKey) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(taskIdKey, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }
}
