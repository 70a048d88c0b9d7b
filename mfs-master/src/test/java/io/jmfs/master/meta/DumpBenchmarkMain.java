package io.jmfs.master.meta;

import io.jmfs.master.chunks.ChunkChange;
import io.jmfs.master.fs.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark and interop fixture: builds a namespace of N files (1000 per directory, one chunk each, some
 * symlinks and xattrs) through the live operations, then times a dump and a load of it.
 * {@code java ... DumpBenchmarkMain <files> <output metadata.mfs>}
 */
public final class DumpBenchmarkMain {
    private DumpBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        int files = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        MetaState state = build(files);
        System.out.printf("built %d files, %d nodes%n", files, state.namespace().persistence().nodeCount());
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            DumpWriter.write(state, out);
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            MetaState loaded = MetaState.standalone(0);
            DumpReader.load(out, loaded);
            long t2 = System.nanoTime();
            long c2 = cpu.getCurrentThreadCpuTime();
            System.out.printf("dump %d ms wall / %d ms cpu (%d MB), load %d ms wall / %d ms cpu%n",
                    (t1 - t0) / 1_000_000, (c1 - c0) / 1_000_000, Files.size(out) >> 20, (t2 - t1) / 1_000_000,
                    (c2 - c1) / 1_000_000);
            loaded = null;
        }
    }

    static MetaState build(int files) {
        MetaState state = MetaState.standalone(0x1234_5678_9ABC_DEF0L, () -> 1_700_000_000);
        var ns = state.namespace();
        var chunks = state.chunks();
        int dir = 0;
        for (int i = 0; i < files; i++) {
            if (i % 1000 == 0) {
                dir = ns.mkdir(Credentials.ROOT, 1, ("d" + i / 1000).getBytes(StandardCharsets.UTF_8), 0755, 0, false)
                        .value().inode();
            }
            byte[] name = ("file-" + i).getBytes(StandardCharsets.UTF_8);
            int inode = ns.create(Credentials.ROOT, dir, name, 0644, 022).value().inode();
            if (i % 100 == 0) {
                ns.symlink(Credentials.ROOT, dir, ("link-" + i).getBytes(StandardCharsets.UTF_8), name);
                ns.setxattr(Credentials.ROOT, inode, "user.k".getBytes(StandardCharsets.UTF_8),
                        ("v" + i).getBytes(StandardCharsets.UTF_8), 0, false);
            }
            long id = chunks.nextChunkId();
            chunks.apply(new ChunkChange.Write(1_700_000_000, inode, 0, 1, false, id), state.fileSlots());
            chunks.apply(new ChunkChange.Unlocked(1_700_000_000, id), state.fileSlots());
            ns.setLength(inode, 1000 + i % 5000, false);
        }
        state.setVersion(files * 3L);
        return state;
    }
}
