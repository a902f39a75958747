package io.tsconnect.mqtt.sparkplug;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.tsconnect.sparkplug.proto.SparkplugB.DataType;

/**
 * What the births of one edge node declared: every metric's name and datatype per device (DATA messages may leave
 * the datatype out) and the aliases that stand for names. Aliases are unique across an edge node and its devices.
 * NBIRTH replaces everything, DBIRTH the entries of its device.
 *
 * <p>The registry travels in the source offset as JSON ({@link #toJson()}), so that a restarted task still names
 * the metrics of DATA messages sent after the birth it saw.
 */
final class AliasRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One declared metric. {@code device} is {@code null} for the edge node's own metrics. */
    record Declared(String device, String name, DataType datatype) {
    }

    private final Map<Long, Declared> byAlias = new HashMap<>();
    private final Map<String, Map<String, DataType>> typesByDevice = new HashMap<>();
    private String json;

    /** Forgets everything (NBIRTH). */
    void clear() {
        byAlias.clear();
        typesByDevice.clear();
        json = null;
    }

    /** Forgets the declarations of {@code device} (DBIRTH). */
    void clearDevice(String device) {
        byAlias.values().removeIf(d -> Objects.equals(d.device(), device));
        typesByDevice.remove(deviceKey(device));
        json = null;
    }

    /** Records a metric of a birth, with its alias when it has one. */
    void declare(String device, String name, Long alias, DataType datatype) {
        typesByDevice.computeIfAbsent(deviceKey(device), k -> new HashMap<>()).put(name, datatype);
        if (alias != null) {
            byAlias.put(alias, new Declared(device, name, datatype));
        }
        json = null;
    }

    /** The metric an alias stands for, or {@code null}. */
    Declared byAlias(long alias) {
        return byAlias.get(alias);
    }

    /** The datatype a birth declared for {@code name} of {@code device}, or {@code null}. */
    DataType datatype(String device, String name) {
        Map<String, DataType> types = typesByDevice.get(deviceKey(device));
        return types == null ? null : types.get(name);
    }

    boolean isEmpty() {
        return typesByDevice.isEmpty();
    }

    /** {@code [[alias or null, datatype, device or null, name], ...]}, computed again only after a change. */
    String toJson() {
        if (json == null) {
            ArrayNode all = JSON.createArrayNode();
            Map<String, Long> aliases = new HashMap<>();
            byAlias.forEach((alias, d) -> aliases.put(deviceKey(d.device()) + "\u0000" + d.name(), alias));
            typesByDevice.forEach((device, types) -> types.forEach((name, type) -> {
                ArrayNode entry = all.addArray();
                Long alias = aliases.get(device + "\u0000" + name);
                if (alias == null) {
                    entry.addNull();
                } else {
                    entry.add(alias);
                }
                entry.add(type.getNumber());
                if (device.isEmpty()) {
                    entry.addNull();
                } else {
                    entry.add(device.substring(1));
                }
                entry.add(name);
            }));
            json = all.toString();
        }
        return json;
    }

    /** Replaces the contents with what {@link #toJson()} wrote. */
    void restore(String text) {
        clear();
        try {
            for (JsonNode entry : JSON.readTree(text)) {
                DataType type = DataType.forNumber(entry.get(1).asInt());
                String device = entry.get(2).isNull() ? null : entry.get(2).asText();
                declare(device, entry.get(3).asText(), entry.get(0).isNull() ? null : entry.get(0).asLong(),
                    type == null ? DataType.Unknown : type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json = text;
    }

    /** Device names keyed so that the node itself ({@code null}) cannot clash with a device named "". */
    private static String deviceKey(String device) {
        return device == null ? "" : "d" + device;
    }
}
