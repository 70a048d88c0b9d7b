package io.jmfs.tests.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A MooseFS-format configuration file ({@code KEY = value} lines) built key by key, in order. Used for our daemons
 * and for the real ones alike: the point of jmfs is that the same file works for both.
 */
public final class MooseFsConfig {
    private final Map<String, String> entries = new LinkedHashMap<>();

    public MooseFsConfig set(String key, Object value) {
        Objects.requireNonNull(value, key);
        if (!key.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("not a MooseFS config key: " + key);
        }
        String text = value.toString();
        if (text.contains("\n")) {
            throw new IllegalArgumentException("value of " + key + " spans lines: " + text);
        }
        entries.put(key, text);
        return this;
    }

    /**
     * Reads a configuration file's text: {@code KEY = value} lines in order; blank lines and {@code #} comments are
     * skipped, anything else is refused.
     */
    public static MooseFsConfig parse(String text) {
        MooseFsConfig config = new MooseFsConfig();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a KEY = value line: " + raw);
            }
            config.set(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return config;
    }

    public Map<String, String> entries() {
        return Map.copyOf(entries);
    }

    public String render() {
        StringBuilder text = new StringBuilder("# written by the jmfs test harness\n");
        entries.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        return text.toString();
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes a text file (exports, hdd list, metadata seed), creating its folder. */
    public static Path writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Seeds an empty file system in a master's data folder, as {@code mfsmaster} expects for a first start: a
     * {@code metadata.mfs} saying {@code MFSM NEW}. Never overwrites existing metadata.
     */
    public static void seedNewMetadata(Path masterDataPath) {
        if (Files.exists(masterDataPath.resolve("metadata.mfs"))
                || Files.exists(masterDataPath.resolve("metadata.mfs.back"))) {
            return;
        }
        writeFile(masterDataPath.resolve("metadata.mfs"), "MFSM NEW");
    }

    /** The exports line the harness uses everywhere: everybody may mount everything, as root. */
    public static final String OPEN_EXPORTS = "*  /  rw,alldirs,admin,maproot=0:0\n*  .  rw\n";
}
