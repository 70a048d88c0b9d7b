package io.jmfs.daemon.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated configuration: the values set in one file, the defaults for the rest. Immutable.
 *
 * <p>Built by {@link ConfigLoader}; {@link #defaults(ConfigSchema)} gives one with no file at all.
 */
public final class Config {

    private final ConfigSchema schema;
    private final Path source;
    private final Map<String, Object> values;

    Config(ConfigSchema schema, Path source, Map<String, Object> values) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.source = source;
        this.values = Map.copyOf(values);
    }

    /** Every key at its default. */
    public static Config defaults(ConfigSchema schema) {
        return new Config(schema, null, Map.of());
    }

    /** The value of {@code key}: the one in the file, else the default. */
    public <T> T get(ConfigKey<T> key) {
        requireKnown(key);
        Object value = values.get(key.name());
        if (value == null) {
            return key.defaultValue();
        }
        @SuppressWarnings("unchecked") // values are stored under their key's name after parsing with that key
        T typed = (T) value;
        return typed;
    }

    /** Whether the file sets {@code key} (MooseFS treats some keys differently when they are set at all). */
    public boolean isDefined(ConfigKey<?> key) {
        requireKnown(key);
        return values.containsKey(key.name());
    }

    /** The file this configuration came from, or empty for pure defaults. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    public ConfigSchema schema() {
        return schema;
    }

    private void requireKnown(ConfigKey<?> key) {
        if (!schema.contains(key)) {
            throw new IllegalArgumentException(key.name() + " is not a key of this daemon's configuration");
        }
    }
}
