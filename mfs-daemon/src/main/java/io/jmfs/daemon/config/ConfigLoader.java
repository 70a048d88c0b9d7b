package io.jmfs.daemon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads MooseFS-format config files.
 *
 * <p>The format, as MooseFS reads it: a line starting with {@code #} is a comment; otherwise {@code NAME = VALUE}
 * with spaces or tabs allowed around the name, the {@code =} and the value; the value runs to the end of the line
 * (a {@code #} inside it is part of it) with trailing blanks removed; a later line for the same key wins. A line that
 * is neither blank, comment nor definition is skipped with a warning, as MooseFS does. Stricter than MooseFS: every
 * value of a known key must parse, and the first that does not refuses the whole file.
 */
public final class ConfigLoader {

    private final ConfigSchema schema;
    private final Consumer<String> warnings;

    /**
     * @param warnings receives one message per unknown key or malformed line, naming file and line
     */
    public ConfigLoader(ConfigSchema schema, Consumer<String> warnings) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** Loads and validates {@code file}. */
    public Config load(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(file, "config file not found", e);
        } catch (IOException e) {
            throw new ConfigException(file, "can't read config file: " + e.getMessage(), e);
        }
        return parse(file, lines);
    }

    /** Validates {@code lines} as if read from {@code file} (which is only used in messages and as the source). */
    public Config parse(Path file, List<String> lines) throws ConfigException {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? "" : line.substring(0, equals).strip();
            if (equals < 0 || name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                warnings.accept(file + ":" + lineNumber + ": bad definition, line ignored: " + line.strip());
                continue;
            }
            String value = stripBlanks(line.substring(equals + 1));
            ConfigKey<?> key = schema.key(name).orElse(null);
            if (key == null) {
                warnings.accept(file + ":" + lineNumber + ": unknown key " + name + " (ignored)");
                continue;
            }
            try {
                values.put(name, key.parse(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, lineNumber, name, e.getMessage());
            }
        }
        return new Config(schema, file, values);
    }

    private static String stripBlanks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }
}
