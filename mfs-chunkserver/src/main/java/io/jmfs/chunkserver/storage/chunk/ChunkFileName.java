package io.jmfs.chunkserver.storage.chunk;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The name of a chunk file: {@code chunk_<CHUNKID:16 upper hex>_<VERSION:8 upper hex>.mfs}, stored in one of the
 * 256 subfolders {@code 00}..{@code FF} of a disk. The subfolder is not derived from the chunk id (the real
 * chunkserver fills subfolders by usage), so readers accept a chunk in any of them.
 */
public record ChunkFileName(long chunkId, int version) {
    private static final String PREFIX = "chunk_";
    private static final String SUFFIX = ".mfs";
    private static final int LENGTH = 35;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    public String fileName() {
        // a builder rather than +: a concatenation is linked on its first run, which a server's first create paid
        return new StringBuilder(LENGTH).append(PREFIX).append(HEX.toHexDigits(chunkId)).append('_')
                .append(HEX.toHexDigits(version)).append(SUFFIX).toString();
    }

    /** Parses a file name; anything else (lower-case hex, other names, temp files) is empty. */
    public static Optional<ChunkFileName> parse(String name) {
        if (name.length() != LENGTH || !name.startsWith(PREFIX) || name.charAt(22) != '_' || !name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String id = name.substring(6, 22);
        String ver = name.substring(23, 31);
        if (!isUpperHex(id) || !isUpperHex(ver)) {
            return Optional.empty();
        }
        return Optional.of(new ChunkFileName(HexFormat.fromHexDigitsToLong(id), HexFormat.fromHexDigits(ver)));
    }

    /** Name of subfolder {@code index} (0..255): two upper-case hex digits. */
    public static String subfolderName(int index) {
        if (index < 0 || index > 255) {
            throw new IllegalArgumentException("subfolder index out of range: " + index);
        }
        return HEX.toHexDigits((byte) index);
    }

    /** The subfolder index for a name like {@code 0A}, or -1. */
    public static int parseSubfolder(String name) {
        if (name.length() != 2 || !isUpperHex(name)) {
            return -1;
        }
        return HexFormat.fromHexDigits(name);
    }

    private static boolean isUpperHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
