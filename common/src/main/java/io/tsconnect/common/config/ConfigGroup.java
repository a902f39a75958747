package io.tsconnect.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Recommender;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Defines the keys of one group of a {@link ConfigDef}, numbering them in the order they are defined, so
 * every key carries its group, order, width and display name without a hand-kept {@code ++order} counter.
 */
public final class ConfigGroup {
    private final ConfigDef def;
    private final String name;
    private int order;

    private ConfigGroup(ConfigDef def, String name) {
        this.def = def;
        this.name = name;
    }

    /** Starts group {@code name} in {@code def}. */
    public static ConfigGroup of(ConfigDef def, String name) {
        return new ConfigGroup(def, name);
    }

    /** Defines a key with a default value and a validator. */
    public ConfigGroup define(String key, Type type, Object defaultValue, Validator validator, Importance importance,
                              String doc, Width width, String display) {
        def.define(key, type, defaultValue, validator, importance, doc, name, ++order, width, display);
        return this;
    }

    /** Defines a key with a default value, a validator and a recommender. */
    public ConfigGroup define(String key, Type type, Object defaultValue, Validator validator, Importance importance,
                              String doc, Width width, String display, Recommender recommender) {
        def.define(key, type, defaultValue, validator, importance, doc, name, ++order, width, display, recommender);
        return this;
    }

    /** Defines a key with a default value and no validator. */
    public ConfigGroup define(String key, Type type, Object defaultValue, Importance importance, String doc,
                              Width width, String display) {
        def.define(key, type, defaultValue, importance, doc, name, ++order, width, display);
        return this;
    }

    /** Defines a required key (no default). */
    public ConfigGroup define(String key, Type type, Importance importance, String doc, Width width,
                              String display) {
        def.define(key, type, ConfigDef.NO_DEFAULT_VALUE, null, importance, doc, name, ++order, width, display);
        return this;
    }

    /** Defines a required key (no default) with a validator. */
    public ConfigGroup defineRequired(String key, Type type, Validator validator, Importance importance, String doc,
                                      Width width, String display) {
        def.define(key, type, ConfigDef.NO_DEFAULT_VALUE, validator, importance, doc, name, ++order, width, display);
        return this;
    }

    public String name() {
        return name;
    }

    public ConfigDef def() {
        return def;
    }
}
