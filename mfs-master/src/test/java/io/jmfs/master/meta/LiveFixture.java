package io.jmfs.master.meta;

import io.jmfs.master.chunks.ChunkChange;
import io.jmfs.master.chunks.ChunkRegistry;
import io.jmfs.master.cluster.ChunkserverRegistry;
import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NamespaceSettings;
import io.jmfs.master.fs.SetAttr;
import io.jmfs.master.sessions.SessionRegistry;
import io.jmfs.protocol.MfsStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/** A master's persistent state wired like the live master (one router for every change), plus a random workload. */
final class LiveFixture implements AutoCloseable {
    static final int T0 = 1_700_000_000;
    private static final String[] NAMES = {"a", "b", "c", "dir", "x y", "%(,)", "long-name-0123456789", "\u00e9t\u00e9"};

    int now = T0;
    final ChangeRouter router = new ChangeRouter();
    final ChunkRegistry chunks = new ChunkRegistry(router);
    final Namespace ns;
    final MetaState state;
    final MetaPersistence persistence;
    final Path dir;

    LiveFixture(Path dir, boolean autoRecover) throws IOException {
        this(dir, autoRecover, T0);
    }

    LiveFixture(Path dir, boolean autoRecover, int startTime) throws IOException {
        this.dir = dir;
        this.now = startTime;
        ns = new Namespace(() -> now, router, chunks.fileReferences(),
                new NamespaceSettings(300, 32767));
        state = new MetaState(ns, new SessionRegistry(86400, now), chunks, new ChunkserverRegistry(router), 0);
        PersistenceSettings settings = PersistenceSettings.of(dir, 50, 2, 1, ChangelogWriter.BACKGROUND, autoRecover);
        persistence = MetaPersistence.start(settings, MetadataStartup.plan(dir, autoRecover), state, router);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code steps} random operations; answers how many succeeded. */
    int randomOps(Random rnd, int steps) {
        Credentials[] users = {Credentials.ROOT, Credentials.of(1000, 1000), Credentials.of(1001, 1001, 1000)};
        int ok = 0;
        for (int step = 0; step < steps; step++) {
            now += rnd.nextInt(4) == 0 ? rnd.nextInt(5000) : 0;
            Credentials who = users[rnd.nextInt(users.length)];
            int dir = randomDir(rnd);
            int node = 1 + rnd.nextInt(Math.max(1, ns.maxInode()));
            byte[] name = b(NAMES[rnd.nextInt(NAMES.length)]);
            Object result = switch (rnd.nextInt(25)) {
                case 0, 1 -> ns.mkdir(who, dir, name, 0777, rnd.nextInt(2) == 0 ? 022 : 0, rnd.nextBoolean());
                case 2, 3 -> ns.create(who, dir, name, 0666, 022);
                case 4 -> ns.mknod(who, dir, name, new int[] {4, 5, 6, 7}[rnd.nextInt(4)], 0644, 0, 77);
                case 5 -> ns.symlink(who, dir, name, b("../t" + rnd.nextInt(9)));
                case 6, 7 -> ns.unlink(who, dir, name);
                case 8 -> ns.rmdir(who, dir, name);
                case 9, 10 -> ns.rename(who, dir, name, randomDir(rnd), b(NAMES[rnd.nextInt(NAMES.length)]));
                case 11 -> ns.link(who, node, dir, name);
                case 12 -> ns.setattr(who, node, new SetAttr(rnd.nextInt(256), rnd.nextInt(07777), 1000,
                        1000, rnd.nextInt(1000), rnd.nextInt(1000), rnd.nextInt(256), rnd.nextInt(6)));
                case 13 -> ns.truncate(who, node, 0, rnd.nextInt(3) * 40_000_000L + rnd.nextInt(100));
                case 14 -> writeChunk(node, rnd.nextInt(3), rnd.nextInt(5));
                case 15 -> ns.setxattr(who, node, name, b("v" + step), rnd.nextInt(4), rnd.nextBoolean());
                case 16 -> ns.setTrashTime(who, node, rnd.nextInt(3) * 3600, rnd.nextInt(8));
                case 17 -> rnd.nextBoolean() ? ns.acquire(1 + rnd.nextInt(3), node) : ns.release(1 + rnd.nextInt(3), node);
                case 18 -> { // a pass visits one of the 4096 trash buckets: go round them all
                    for (int pass = 1; pass < 4096; pass++) {
                        ns.maintain();
                    }
                    yield ns.maintain();
                }
                case 19 -> {
                    ns.amtime(node, now - rnd.nextInt(100), now);
                    yield MfsStatus.OK;
                }
                case 20 -> ns.snapshot(who, 0, node, dir, name, new int[] {0, 1, 2, 3, 8, 9}[rnd.nextInt(6)], 022);
                case 21 -> ns.snapshot(who, 0, 0, dir, name, rnd.nextBoolean() ? 0x80 : 0x84, 0);
                case 22 -> io.jmfs.master.sclass.RandomClassOps.administer(ns, rnd);
                case 23 -> io.jmfs.master.sclass.RandomClassOps.assign(ns, rnd, node, who.uid());
                default -> ns.readdir(who, dir, true);
            };
            if (result instanceof FsResult<?> r && r.isOk() || result == MfsStatus.OK) {
                ok++;
            }
        }
        return ok;
    }

    /** What a client write does to the metadata: WRITE, then (usually) LENGTH and UNLOCK, as the write path logs them. */
    MfsStatus writeChunk(int inode, int index) {
        return writeChunk(inode, index, 1);
    }

    /**
     * A chunk operation as the write path logs it. {@code variant}: 0 a write left locked (a writer that never
     * ended), 1 a write that ended (LENGTH, UNLOCK), 2 a failed write (ROLLBACK), 3 a truncate inside the chunk
     * (TRUNC, UNLOCK, LENGTH), 4 a write that only needed the lock.
     */
    MfsStatus writeChunk(int inode, int index, int variant) {
        var attr = ns.getattr(inode);
        if (!attr.isOk() || attr.value().wireType() != io.jmfs.master.fs.NodeType.FILE) {
            return MfsStatus.ENOENT;
        }
        long old = ns.chunkAt(inode, index).value();
        var current = old == 0 ? null : chunks.get(old);
        if (current != null && current.isLocked(now)) {
            return MfsStatus.LOCKED; // the write path waits for the lock
        }
        boolean fresh = current == null || current.fileCount() > 1;
        long chunkId = fresh ? chunks.nextChunkId() : old;
        if (variant == 3) {
            if (current == null) {
                return MfsStatus.NOCHUNK;
            }
            record(new ChunkChange.Trunc(now, inode, index, chunkId));
            record(new ChunkChange.Unlocked(now, chunkId));
            return ns.setLength(inode, ((long) index << 26) + 1000, true);
        }
        int opflag = fresh || variant != 4 ? 1 : 0;
        record(new ChunkChange.Write(now, inode, index, opflag, false, chunkId));
        switch (variant) {
            case 1, 4 -> {
                long end = ((long) index << 26) + 5000;
                if (end > ns.getattr(inode).value().length()) {
                    ns.setLength(inode, end, false);
                }
                record(new ChunkChange.Unlocked(now, chunkId));
            }
            case 2 -> record(new ChunkChange.Rollback(now, inode, index, old, chunkId));
            default -> { }
        }
        return MfsStatus.OK;
    }

    /** Records and applies a chunk change, as the chunk layer does. */
    void record(ChunkChange change) {
        router.record(change);
        chunks.apply(change, state.fileSlots());
    }

    private int randomDir(Random rnd) {
        int candidate = 1 + rnd.nextInt(Math.max(1, ns.maxInode()));
        var a = ns.getattr(candidate);
        return a.isOk() && a.value().type() == io.jmfs.master.fs.NodeType.DIRECTORY ? candidate : 1;
    }

    @Override
    public void close() {
        persistence.close();
    }
}
