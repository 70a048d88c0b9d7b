package io.jmfs.master.fs;

import io.jmfs.master.fs.change.ChangeSink;
import java.nio.charset.StandardCharsets;

/**
 * Measures namespace memory per file and the in-memory speed of create / stat / rename / unlink.
 * Run: {@code java -Xmx4g -cp ... io.jmfs.master.fs.NamespaceMemoryMain [files]}. Files get one chunk each and
 * live 1000 to a directory, like a typical benchmark tree.
 */
public final class NamespaceMemoryMain {
    private NamespaceMemoryMain() {
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static byte[] name(String prefix, int i) {
        return (prefix + i).getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int[] now = {1_700_000_000};
        Namespace ns = new Namespace(() -> now[0], ChangeSink.DISCARD, ChunkReleaser.NONE, NamespaceSettings.DEFAULTS);
        Credentials root = Credentials.ROOT;
        long before = usedHeap();
        int dirs = (files + 999) / 1000;
        int[] dirInodes = new int[dirs];
        for (int d = 0; d < dirs; d++) {
            dirInodes[d] = ns.mkdir(root, 1, name("dir_", d), 0755, 0, false).orThrow().inode();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < files; i++) {
            int inode = ns.create(root, dirInodes[i / 1000], name("file_", i), 0644, 022).orThrow().inode();
            ns.setChunk(inode, 0, i + 1L);
            ns.setLength(inode, 4096, true);
        }
        long t1 = System.nanoTime();
        long after = usedHeap();
        double perFile = (after - before) / (double) files;
        System.out.printf("files=%d heap=%.1f MB bytes/file=%.1f%n", files, (after - before) / 1e6, perFile);
        System.out.printf("create+chunk+length: %.0f files/s%n", files / ((t1 - t0) / 1e9));

        long t2 = System.nanoTime();
        long sum = 0;
        for (int i = 0; i < files; i++) {
            sum += ns.lookup(root, dirInodes[i / 1000], name("file_", i)).orThrow().inode();
        }
        long t3 = System.nanoTime();
        System.out.printf("lookup: %.0f ops/s (%d)%n", files / ((t3 - t2) / 1e9), sum);
        for (int i = 0; i < files; i++) {
            ns.rename(root, dirInodes[i / 1000], name("file_", i), dirInodes[i / 1000], name("moved_", i)).orThrow();
        }
        long t4 = System.nanoTime();
        System.out.printf("rename: %.0f ops/s%n", files / ((t4 - t3) / 1e9));
        for (int i = 0; i < files; i++) {
            ns.unlink(root, dirInodes[i / 1000], name("moved_", i)).orThrow();
        }
        long t5 = System.nanoTime();
        System.out.printf("unlink (to trash): %.0f ops/s; trash=%d%n", files / ((t5 - t4) / 1e9),
                ns.statfs().trashNodes());
    }
}
