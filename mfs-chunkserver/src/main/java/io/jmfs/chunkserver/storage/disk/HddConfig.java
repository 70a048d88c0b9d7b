package io.jmfs.chunkserver.storage.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser of {@code mfshdd.cfg} (mfshdd.cfg(5) of MooseFS 3.0.117):
 * <pre>
 * file    = *(line)
 * line    = comment | blank | disk
 * comment = "#" *any                       ; only at the very start of a line
 * disk    = *("*" | "&lt;" | "&gt;" | "~") PATH [ws LIMIT]
 * LIMIT   = ["-"] size                      ; size: see {@link SpaceLimit#parseSize}; "-" = leave that much free
 * </pre>
 * The limit is the last whitespace-separated word when it starts with a digit, '.' or '-' and parses as a size;
 * otherwise the whole line is the path (paths may contain spaces). A limit of 0 means no limit. Listing one
 * path twice keeps the later line.
 */
public final class HddConfig {
    private HddConfig() {
    }

    public static List<HddConfigEntry> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for a line with prefixes but no path */
    public static List<HddConfigEntry> parse(List<String> lines) {
        Map<Path, HddConfigEntry> byPath = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            if (raw.startsWith("#")) {
                continue;
            }
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            HddConfigEntry e = parseLine(line, lineNo);
            byPath.remove(e.path());
            byPath.put(e.path(), e);
        }
        return List.copyOf(new ArrayList<>(byPath.values()));
    }

    private static HddConfigEntry parseLine(String line, int lineNo) {
        SpaceLimit limit = SpaceLimit.DEFAULT;
        int ws = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
        if (ws > 0) {
            String last = line.substring(ws + 1);
            SpaceLimit parsed = tryLimit(last);
            if (parsed != null) {
                limit = parsed;
                line = line.substring(0, ws).strip();
            }
        }
        boolean remove = false;
        boolean ignoreSize = false;
        HddConfigEntry.Rebalance rebalance = HddConfigEntry.Rebalance.STANDARD;
        int i = 0;
        loop:
        while (i < line.length()) {
            switch (line.charAt(i)) {
                case '*' -> remove = true;
                case '~' -> ignoreSize = true;
                case '<' -> rebalance = HddConfigEntry.Rebalance.SOURCE;
                case '>' -> rebalance = HddConfigEntry.Rebalance.DESTINATION;
                default -> {
                    break loop;
                }
            }
            i++;
        }
        String path = line.substring(i);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("mfshdd.cfg line " + lineNo + ": no path in '" + line + "'");
        }
        return new HddConfigEntry(Path.of(path).normalize(), remove, rebalance, ignoreSize, limit);
    }

    private static SpaceLimit tryLimit(String word) {
        boolean leaveFree = word.startsWith("-");
        String size = leaveFree ? word.substring(1) : word;
        if (size.isEmpty() || !(Character.isDigit(size.charAt(0)) || size.charAt(0) == '.')) {
            return null;
        }
        long bytes;
        try {
            bytes = SpaceLimit.parseSize(size);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (leaveFree) {
            return SpaceLimit.leaveFree(bytes);
        }
        return bytes == 0 ? SpaceLimit.DEFAULT : SpaceLimit.useAtMost(bytes);
    }
}
