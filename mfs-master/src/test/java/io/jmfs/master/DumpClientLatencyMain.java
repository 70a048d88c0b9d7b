package io.jmfs.master;

import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.config.ConfigLoader;
import io.jmfs.master.config.MasterConfig;
import io.jmfs.master.loop.NettyMetadataLoop;
import io.jmfs.master.meta.MetaPersistence;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark driver (bench/master-dump-latency.sh): runs our master on a DATA_PATH, and once clients have had
 * {@code before} seconds of plain service, starts a background dump (what METADATA_SAVE_FREQ does, which the
 * daemon offers no way to trigger on demand) and keeps serving {@code after} seconds past its end. Prints
 * {@code READY}, {@code DUMP_START}, {@code DUMP_END} and {@code END} with CLOCK_MONOTONIC nanoseconds (Java's
 * {@code System.nanoTime} on Linux), so a client's own timestamps split its operations into the phases.
 * {@code java ... DumpClientLatencyMain <data dir> <client port> <before s> <after s>}
 */
public final class DumpClientLatencyMain {
    private DumpClientLatencyMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        long before = Long.parseLong(args[2]);
        long after = Long.parseLong(args[3]);
        Path exports = Files.writeString(data.resolveSibling("latency-exports.cfg"),
                "*  /  rw,alldirs,admin,maproot=0:0\n");
        Config config = new ConfigLoader(MasterConfig.SCHEMA, warning -> { }).parse(Path.of("mfsmaster.cfg"),
                List.of("DATA_PATH = " + data, "EXPORTS_FILENAME = " + exports, "MATOCL_LISTEN_HOST = 127.0.0.1",
                        "MATOCL_LISTEN_PORT = " + port, "MATOCS_LISTEN_HOST = 127.0.0.1",
                        "MATOCS_LISTEN_PORT = " + (port + 1), "MATOML_LISTEN_HOST = 127.0.0.1",
                        "MATOML_LISTEN_PORT = " + (port + 2)));
        MasterService master = new MasterService(MasterPipelines::serving);
        long t0 = System.nanoTime();
        master.start(config);
        System.out.printf("READY %d (start took %d ms)%n", System.nanoTime(), (System.nanoTime() - t0) / 1_000_000);
        Thread.sleep(before * 1000);
        MetaPersistence persistence = (MetaPersistence) field(master, "persistence");
        NettyMetadataLoop loop = (NettyMetadataLoop) field(master, "loop");
        CompletableFuture<CompletableFuture<Void>> started = new CompletableFuture<>();
        long d0 = System.nanoTime();
        loop.execute(() -> started.complete(persistence.dumpInBackground()));
        CompletableFuture<Void> dump = started.join();
        System.out.printf("DUMP_START %d%n", d0);
        dump.join();
        long d1 = System.nanoTime();
        System.out.printf("DUMP_END %d (%d ms)%n", d1, (d1 - d0) / 1_000_000);
        Thread.sleep(after * 1000);
        System.out.printf("END %d%n", System.nanoTime());
        System.out.flush();
        Runtime.getRuntime().halt(0); // no dump at stop: the figures are taken
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }
}
