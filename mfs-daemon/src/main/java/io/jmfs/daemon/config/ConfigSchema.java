package io.jmfs.daemon.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The keys one daemon reads, in documentation order. Names are unique. */
public final class ConfigSchema {

    private final Map<String, ConfigKey<?>> keys;

    private ConfigSchema(Map<String, ConfigKey<?>> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** A schema of {@code keys}; a name given twice is a programming error. */
    public static ConfigSchema of(Collection<? extends ConfigKey<?>> keys) {
        Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
        for (ConfigKey<?> key : keys) {
            if (byName.putIfAbsent(key.name(), key) != null) {
                throw new IllegalArgumentException("config key declared twice: " + key.name());
            }
        }
        return new ConfigSchema(byName);
    }

    /** The common daemon keys ({@link CommonKeys}) followed by {@code daemonKeys}. */
    public static ConfigSchema withCommonKeys(Collection<? extends ConfigKey<?>> daemonKeys) {
        List<ConfigKey<?>> all = new ArrayList<>(CommonKeys.ALL);
        all.addAll(daemonKeys);
        return of(all);
    }

    public Optional<ConfigKey<?>> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    public boolean contains(ConfigKey<?> key) {
        return keys.get(key.name()) == key;
    }

    public Collection<ConfigKey<?>> keys() {
        return keys.values();
    }
}
