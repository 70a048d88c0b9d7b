package io.jmfs.master.meta;

import io.jmfs.master.chunks.ChunkRegistry;
import io.jmfs.master.cluster.ChunkserverRegistry;
import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NamespaceSettings;
import io.jmfs.master.sessions.SessionRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Metadata-thread latency with and without a background dump: builds N files, stores them as the base dump,
 * starts a live persistent state from that folder, then times single operations (create + getattr, each logged)
 * for a while without a dump and while a background dump of the whole namespace runs.
 * {@code java ... DumpLatencyBenchmarkMain <files> <empty data dir>}
 */
public final class DumpLatencyBenchmarkMain {
    private DumpLatencyBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        int files = Integer.parseInt(args[0]);
        Path data = Files.createDirectories(Path.of(args[1]));
        DumpFiles.install(DumpBenchmarkMain.build(files), data, 1);
        ChangeRouter router = new ChangeRouter();
        ChunkRegistry chunks = new ChunkRegistry(router);
        int[] now = {1_700_000_000};
        Namespace ns = new Namespace(() -> now[0], router, chunks.fileReferences(),
                NamespaceSettings.DEFAULTS);
        MetaState live = new MetaState(ns, new SessionRegistry(86400, now[0]), chunks, new ChunkserverRegistry(router), 0);
        MetaPersistence p = MetaPersistence.start(PersistenceSettings.of(data, 50, 1, 1, 0, false),
                MetadataStartup.plan(data, false), live, router);
        int dir = ns.mkdir(Credentials.ROOT, 1, "bench".getBytes(StandardCharsets.UTF_8), 0755, 0, false).value().inode();
        int[] counter = {0};
        measure("warm-up", ns, dir, counter, 3000, null);
        measure("no dump", ns, dir, counter, 5000, null);
        long t0 = System.nanoTime();
        CompletableFuture<Void> dump = p.dumpInBackground();
        long trigger = System.nanoTime() - t0;
        System.out.printf("loop pause to start a dump: %d us%n", trigger / 1000);
        measure("during dump", ns, dir, counter, Long.MAX_VALUE, dump);
        dump.join();
        p.close();
    }

    private static void measure(String label, Namespace ns, int dir, int[] counter, long millis,
                                CompletableFuture<Void> until) {
        long[] lat = new long[10_000_000];
        int n = 0;
        long end = System.nanoTime() + Math.min(millis, 600_000) * 1_000_000L;
        while (n < lat.length && (until != null ? !until.isDone() : System.nanoTime() < end)) {
            long t = System.nanoTime();
            byte[] name = ("f" + counter[0]++).getBytes(StandardCharsets.UTF_8);
            int inode = ns.create(Credentials.ROOT, dir, name, 0644, 022).value().inode();
            ns.getattr(inode);
            lat[n++] = System.nanoTime() - t;
            if ((n & 1023) == 0) {
                Thread.onSpinWait();
            }
        }
        long[] s = Arrays.copyOf(lat, n);
        Arrays.sort(s);
        System.out.printf("%-12s ops=%d p50=%dus p99=%dus p99.9=%dus max=%dus%n", label, n, s[n / 2] / 1000,
                s[(int) (n * 0.99)] / 1000, s[(int) (n * 0.999)] / 1000, s[n - 1] / 1000);
    }
}
