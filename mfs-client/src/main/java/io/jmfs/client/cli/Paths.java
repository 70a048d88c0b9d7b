package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Path helpers and formatting shared by the commands. */
final class Paths {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Paths() {
    }

    static Optional<Entry> find(MfsClient c, String path) throws IOException {
        try {
            return Optional.of(c.resolve(path));
        } catch (io.jmfs.client.MfsException e) {
            if (e.status() == io.jmfs.protocol.MfsStatus.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String baseName(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static String modeString(Attr a) {
        char t = switch (a.type()) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FIFO -> 'p';
            case BLOCKDEV -> 'b';
            case CHARDEV -> 'c';
            case SOCKET -> 's';
            default -> '-';
        };
        StringBuilder b = new StringBuilder().append(t);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            b.append((a.mode() & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        return b.toString();
    }

    static String time(int unixSeconds) {
        return TIME.format(Instant.ofEpochSecond(Integer.toUnsignedLong(unixSeconds)));
    }

    static boolean isDir(Attr a) {
        return a.type() == NodeType.DIRECTORY;
    }

    /** Size as ls shows it: the byte length for files, the decoded display size for directories. */
    static long size(Attr a) {
        return a.size();
    }
}
