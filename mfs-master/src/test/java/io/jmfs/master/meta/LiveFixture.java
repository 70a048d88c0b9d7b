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
            Object result = switch (rnd.nextInt(21)) {
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
                case 14 -> writeChunk(node, rnd.nextInt(3));
                case 15 -> ns.setxattr(who, node, name, b("v" + step), rnd.nextInt(4), rnd.nextBoolean());
                case 16 -> ns.setTrashTime(who, node, rnd.nextInt(3) * 3600, rnd.nextInt(8));
                case 17 -> rnd.nextBoolean() ? ns.acquire(1 + rnd.nextInt(3), node) : ns.release(1 + rnd.nextInt(3), node);
                case 18 -> ns.maintain();
                case 19 -> {
                    ns.amtime(node, now - rnd.nextInt(100), now);
                    yield MfsStatus.OK;
                }
                default -> ns.readdir(who, dir, true);
            };
            if (result instanceof FsResult<?> r && r.isOk() || result == MfsStatus.OK) {
                ok++;
            }
        }
        return ok;
    }

    /** What a client write does to the metadata: a new chunk (logged), placed in the file (logged). */
    MfsStatus writeChunk(int inode, int index) {
        var attr = ns.getattr(inode);
        if (!attr.isOk() || attr.value().wireType() != io.jmfs.master.fs.NodeType.FILE) {
            return MfsStatus.ENOENT;
        }
        var existing = ns.chunkAt(inode, index);
        if (existing.isOk() && existing.value() != 0) {
            // a write into an existing chunk: new version, locked (as the write path logs it)
            var c = chunks.get(existing.value());
            ChunkChange bumped = new ChunkChange.VersionSet(now, c.id(), c.version() + 1, now + 60);
            router.record(bumped);
            chunks.apply(bumped);
            return MfsStatus.OK;
        }
        ChunkChange created = new ChunkChange.Created(now, chunks.nextChunkId(), 1, now + 60, 2);
        router.record(created);
        chunks.apply(created);
        return ns.setChunk(inode, index, ((ChunkChange.Created) created).chunkId());
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
