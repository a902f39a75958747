package io.tsconnect.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Renders a connector's {@link ConfigDef} as the Markdown config reference committed under {@code docs/config/}.
 * Keys appear by group, in their defined order; secrets never show a default.
 */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    /**
     * @param title the page title, e.g. the connector class
     * @param intro a paragraph under the title
     * @param def the connector's full config definition
     * @return the Markdown page, ending with a newline
     */
    public static String markdown(String title, String intro, ConfigDef def) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        out.append("<!-- Generated from the ConfigDef by ConfigDocs; do not edit. Regenerate with:\n")
            .append("     mvn -B verify -Dtsconnect.docs.update=true -DskipITs -->\n\n");
        out.append(intro.strip()).append("\n");
        for (Map.Entry<String, List<ConfigKey>> group : byGroup(def).entrySet()) {
            out.append("\n## ").append(group.getKey()).append("\n");
            for (ConfigKey key : group.getValue()) {
                appendKey(out, key);
            }
        }
        return out.toString();
    }

    private static Map<String, List<ConfigKey>> byGroup(ConfigDef def) {
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (String group : def.groups()) {
            groups.put(group, new ArrayList<>());
        }
        List<ConfigKey> keys = new ArrayList<>(def.configKeys().values());
        keys.sort(java.util.Comparator.comparingInt((ConfigKey k) -> k.orderInGroup).thenComparing(k -> k.name));
        for (ConfigKey key : keys) {
            groups.computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>()).add(key);
        }
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    private static void appendKey(StringBuilder out, ConfigKey key) {
        out.append("\n### `").append(key.name).append("`\n\n");
        if (key.displayName != null) {
            out.append("**").append(key.displayName).append("**. ");
        }
        out.append(key.documentation == null ? "" : key.documentation.strip()).append("\n\n");
        out.append("- Type: ").append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        out.append("- Default: ").append(defaultText(key)).append('\n');
        if (key.validator != null && !key.validator.toString().isBlank()) {
            out.append("- Valid values: ").append(key.validator).append('\n');
        }
        out.append("- Importance: ").append(key.importance.name().toLowerCase(java.util.Locale.ROOT)).append('\n');
    }

    private static String defaultText(ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        if (key.type == Type.PASSWORD) {
            return key.defaultValue == null ? "none" : "[hidden]";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "none";
        }
        String text = ConfigDef.convertToString(value, key.type);
        return text == null || text.isEmpty() ? "\"\"" : "`" + text + "`";
    }
}
