package io.jmfs.master.exports;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * MooseFS's checksum of an exports file, reproduced so our SESADD lines match a real master's.
 *
 * <p>Per rule, a 62-byte big-endian record is hashed:
 * <pre>
 *   fromip:32 toip:32 minversion:32 passworddigest:16B (zeros without password)
 *   bits:8 (alldirs&lt;&lt;3 | password&lt;&lt;2 | meta&lt;&lt;1 | maprootgiven) sesflags:8 mingoal:8 maxgoal:8 umask:16
 *   mintrashtime:32 maxtrashtime:32 rootuid:32 rootgid:32 mapalluid:32 mapallgid:32 disables:32
 * </pre>
 * The rule's value is {@code crc32(record + path) << 32 | murmur3(path, seed = murmur3(record, seed 0))}, where
 * crc32 is the zlib CRC-32 polynomial but seeded with {@code 0xFFFFFFFF} (MooseFS's {@code mycrc32(0xFFFFFFFF, ...)},
 * so the register starts at zero) and murmur3 is MurmurHash3 x86_32 reading its 4-byte blocks <em>big-endian</em>.
 * The file's checksum is the sum of its rules' values modulo 2^64, so it does not depend on the order of lines.
 */
final class ExportsChecksum {
    private static final int RECORD = 62;
    private static final int[] CRC_TABLE = crcTable();

    private ExportsChecksum() {
    }

    static long of(List<ExportRule> rules) {
        long sum = 0;
        for (ExportRule rule : rules) {
            sum += of(rule);
        }
        return sum;
    }

    static long of(ExportRule rule) {
        byte[] record = record(rule);
        byte[] path = rule.path().getBytes(StandardCharsets.UTF_8);
        // MooseFS seeds with 0xFFFFFFFF, not the usual 0: the register starts at zero.
        int crc = crc32(crc32(0xFFFF_FFFF, record), path);
        int murmur = murmur3(record, 0);
        if (path.length > 0) {
            murmur = murmur3(path, murmur);
        }
        return (long) crc << 32 | (murmur & 0xFFFF_FFFFL);
    }

    private static byte[] record(ExportRule rule) {
        ByteBuffer b = ByteBuffer.allocate(RECORD);
        b.putInt(rule.addresses().from()).putInt(rule.addresses().to()).putInt(rule.minVersion());
        b.put(rule.password().map(PasswordDigest::bytes).orElseGet(() -> new byte[PasswordDigest.LENGTH]));
        b.put((byte) ((rule.allDirs() ? 8 : 0) | (rule.needsPassword() ? 4 : 0) | (rule.meta() ? 2 : 0)
                | (rule.rootRedefined() ? 1 : 0)));
        b.put((byte) rule.sesflags()).put((byte) rule.minGoal()).put((byte) rule.maxGoal());
        b.putShort((short) rule.umask());
        b.putInt((int) rule.minTrashTime()).putInt((int) rule.maxTrashTime());
        b.putInt(rule.rootUid()).putInt(rule.rootGid()).putInt(rule.mapAllUid()).putInt(rule.mapAllGid());
        b.putInt(rule.disables());
        return b.array();
    }

    /** zlib CRC-32 continued from a previous result (zlib starts from {@code 0}). */
    static int crc32(int previous, byte[] data) {
        int c = ~previous;
        for (byte x : data) {
            c = CRC_TABLE[(c ^ x) & 0xFF] ^ (c >>> 8);
        }
        return ~c;
    }

    /** MurmurHash3 x86_32 with big-endian blocks, as MooseFS's {@code murmur3_32}. */
    static int murmur3(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xFF) << 24 | (data[4 * i + 1] & 0xFF) << 16
                    | (data[4 * i + 2] & 0xFF) << 8 | (data[4 * i + 3] & 0xFF);
            h ^= Integer.rotateLeft(k * c1, 15) * c2;
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int rest = data.length & 3;
        if (rest > 0) {
            int k = 0;
            for (int i = rest - 1; i >= 0; i--) {
                k = k << 8 | (data[tail + i] & 0xFF); // the tail is read little-endian, unlike the blocks
            }
            h ^= Integer.rotateLeft(k * c1, 15) * c2;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int j = 0; j < 8; j++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            table[i] = c;
        }
        return table;
    }
}
