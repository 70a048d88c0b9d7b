package io.jmfs.daemon.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration key: its MooseFS name, its default written as MooseFS documents it, how to parse values, and a
 * one-line description.
 *
 * <p>The default is parsed when the key is created, so a key with a wrong default fails at class initialisation
 * rather than at the first start.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final String name;
    private final String defaultText;
    private final T defaultValue;
    private final ValueParser<T> parser;
    private final String description;

    private ConfigKey(String name, String defaultText, ValueParser<T> parser, String description) {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("config key names are upper case with digits and '_': " + name);
        }
        this.name = name;
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.description = Objects.requireNonNull(description, "description");
        try {
            this.defaultValue = parser.parse(defaultText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("default of " + name + " (" + defaultText + ") is invalid: " + e.getMessage(), e);
        }
    }

    /** A key whose default is {@code defaultText}, parsed with {@code parser}. */
    public static <T> ConfigKey<T> of(String name, String defaultText, ValueParser<T> parser, String description) {
        return new ConfigKey<>(name, defaultText, parser, description);
    }

    public String name() {
        return name;
    }

    /** The default as MooseFS writes it in its sample config files. */
    public String defaultText() {
        return defaultText;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Parses {@code text}; see {@link ValueParser#parse}. */
    public T parse(String text) {
        return parser.parse(text);
    }

    @Override
    public String toString() {
        return name;
    }
}
