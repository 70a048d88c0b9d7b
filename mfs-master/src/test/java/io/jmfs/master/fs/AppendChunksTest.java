package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.T0;
import static io.jmfs.master.fs.FsFixture.b;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** APPEND_SLICE as mfsappendchunks uses it: which chunks are shared, the resulting length, refusals, the line. */
class AppendChunksTest {
    private static final long CHUNK = 1L << 26;
    private static final int WHOLE = 0x80000000;
    private static final int FROM_NEG = 0x01;
    private static final int TO_NEG = 0x02;

    private int now = T0;
    private final List<Change> changes = new ArrayList<>();
    /** File references per chunk, as the chunk layer counts them from the releaser's calls. */
    private final Map<Long, Integer> fileCounts = new HashMap<>();
    private final ChunkReleaser counting = new ChunkReleaser() {
        @Override
        public void released(int inode, long chunkId) {
            fileCounts.merge(chunkId, -1, Integer::sum);
        }

        @Override
        public void referenced(int inode, long chunkId, int goal) {
            fileCounts.merge(chunkId, 1, Integer::sum);
        }
    };
    private final Namespace ns = new Namespace(() -> now, changes::add, counting, NamespaceSettings.DEFAULTS);

    /** A file whose chunks are {@code chunks} (0 = a hole) and whose last chunk holds {@code tail} bytes. */
    private int file(String name, long tail, long... chunks) {
        int inode = ns.mknod(ROOT, 1, b(name), NodeType.FILE, 0644, 0, 0).orThrow().inode();
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] != 0) {
                assertThat(ns.setChunk(inode, i, chunks[i])).isEqualTo(MfsStatus.OK);
            }
        }
        if (chunks.length > 0) {
            ns.setLength(inode, (chunks.length - 1) * CHUNK + tail, true);
        }
        return inode;
    }

    private FsResult<Long> append(Credentials who, int dst, int src, int flags, int from, int to) {
        return ns.appendSlice(who, flags, dst, src, from, to);
    }

    private List<Long> chunksOf(Namespace n, int inode) {
        List<Long> out = new ArrayList<>();
        long length = n.getattr(inode).orThrow().length();
        for (long i = 0; i * CHUNK < length; i++) {
            out.add(n.chunkAt(inode, i).orThrow());
        }
        return out;
    }

    @Test
    void theWholeSourceFollowsTheDestinationRoundedUpToAChunkBoundaryAndItsChunksAreShared() {
        int dst = file("dst", 10, 1);
        int src = file("src", 1000, 11, 12);
        now += 50;

        FsResult<Long> r = append(ROOT, dst, src, 0, 0, WHOLE);

        assertThat(r.isOk()).isTrue();
        assertThat(r.value()).isEqualTo(CHUNK + CHUNK + 1000);
        assertThat(ns.getattr(dst).orThrow().length()).isEqualTo(2 * CHUNK + 1000);
        assertThat(chunksOf(ns, dst)).containsExactly(1L, 11L, 12L);
        assertThat(chunksOf(ns, src)).containsExactly(11L, 12L);
        assertThat(fileCounts).containsEntry(11L, 2).containsEntry(12L, 2).containsEntry(1L, 1);
        assertThat(ns.getattr(dst).orThrow().mtime()).isEqualTo(now);
        assertThat(ns.getattr(dst).orThrow().atime()).isEqualTo(now);
        assertThat(ns.getattr(src).orThrow().atime()).isEqualTo(now);
        assertThat(ns.checkConsistency()).isEmpty();
    }

    @Test
    void theChangelogLineIsMooseFsAppendWithTheAbsoluteInclusiveSlice() {
        int dst = file("dst", 0);
        int src = file("src", 5, 11, 12, 13);

        append(ROOT, dst, src, 0, 0, WHOLE).orThrow();

        assertThat(changes.getLast().toString()).isEqualTo(now + "|APPEND(" + dst + "," + src + ",0,2)");
    }

    @Test
    void aSliceEndingBeforeTheSourcesLastChunkAppendsWholeChunks() {
        int dst = file("dst", 0);
        int src = file("src", 5, 11, 12, 13);

        assertThat(append(ROOT, dst, src, 0, 1, 2).orThrow()).isEqualTo(CHUNK);

        assertThat(chunksOf(ns, dst)).containsExactly(12L);
        assertThat(changes.getLast().toString()).endsWith("|APPEND(" + dst + "," + src + ",1,1)");
    }

    @Test
    void negativeEndsCountBackFromTheSourcesEnd() {
        int dst = file("dst", 0);
        int src = file("src", 5, 11, 12, 13, 14);

        // -s -3:-1 = chunks 1 and 2 of 0..3
        assertThat(append(ROOT, dst, src, FROM_NEG | TO_NEG, 3, 1).orThrow()).isEqualTo(2 * CHUNK);
        assertThat(chunksOf(ns, dst)).containsExactly(12L, 13L);

        // -s -1: = the last chunk, with the source's partial length
        assertThat(append(ROOT, dst, src, FROM_NEG, 1, WHOLE).orThrow()).isEqualTo(2 * CHUNK + 5);
        assertThat(chunksOf(ns, dst)).containsExactly(12L, 13L, 14L);
    }

    @Test
    void holesInTheSourceStayHolesAndEmptyOrEmptySlicesChangeNothing() {
        int dst = file("dst", 7, 1);
        int src = file("src", 9, 0, 12);
        int empty = file("empty", 0);

        append(ROOT, dst, src, 0, 0, WHOLE).orThrow();
        assertThat(chunksOf(ns, dst)).containsExactly(1L, 0L, 12L);

        int recorded = changes.size();
        assertThat(append(ROOT, dst, empty, 0, 0, WHOLE).orThrow()).isEqualTo(2 * CHUNK + 9);
        assertThat(append(ROOT, dst, src, 0, 1, 1).orThrow()).as("[1,1) is empty").isEqualTo(2 * CHUNK + 9);
        assertThat(append(ROOT, dst, src, 0, 5, WHOLE).orThrow()).as("starts past the end").isEqualTo(2 * CHUNK + 9);
        assertThat(changes).hasSize(recorded);
    }

    @Test
    void refusalsFollowMooseFsOrder() {
        int dst = file("dst", 0);
        int src = file("src", 5, 11);
        int dir = ns.mkdir(ROOT, 1, b("d"), 0755, 0, false).orThrow().inode();
        Credentials stranger = Credentials.of(1000, 1000);

        assertThat(append(ROOT, dst, dst, 0, 0, WHOLE).status()).isEqualTo(MfsStatus.EINVAL);
        assertThat(append(ROOT, dst, 999, 0, 0, WHOLE).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(append(ROOT, dst, dir, 0, 0, WHOLE).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(append(ROOT, dir, src, 0, 0, WHOLE).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(append(stranger, dst, src, 0, 0, WHOLE).status()).as("0644 dst: not writable")
                .isEqualTo(MfsStatus.EACCES);
        ns.setattr(ROOT, src, new SetAttr(SetAttr.MODE, 0600, 0, 0, 0, 0, 0, 0)).orThrow();
        assertThat(append(stranger, dst, src, 0, 0, WHOLE).status()).as("0600 src: not readable")
                .isEqualTo(MfsStatus.EACCES);
        ns.setEattr(dst, 0, NodeAttr.EATTR_IMMUTABLE, 0, true).orThrow();
        assertThat(append(ROOT, dst, src, 0, 0, WHOLE).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(changes).noneMatch(c -> c instanceof Change.Append);
    }

    @Test
    void replayOfTheLinesRebuildsTheSameFilesAndTheOldWholeFileFormReplaysToo() {
        int dst = file("dst", 10, 1);
        int src = file("src", 1000, 11, 12);
        append(ROOT, dst, src, 0, 0, WHOLE).orThrow();
        append(ROOT, dst, src, FROM_NEG, 1, WHOLE).orThrow();

        Map<Long, Integer> replayCounts = new HashMap<>();
        Namespace copy = new Namespace(() -> T0, c -> { }, new ChunkReleaser() {
            @Override
            public void released(int inode, long chunkId) {
                replayCounts.merge(chunkId, -1, Integer::sum);
            }

            @Override
            public void referenced(int inode, long chunkId, int goal) {
                replayCounts.merge(chunkId, 1, Integer::sum);
            }
        }, NamespaceSettings.DEFAULTS);
        for (Change c : changes) {
            assertThat(copy.replay(c)).as(c.toString()).isEqualTo(MfsStatus.OK);
        }
        assertThat(chunksOf(copy, dst)).isEqualTo(chunksOf(ns, dst)).containsExactly(1L, 11L, 12L, 12L);
        assertThat(copy.getattr(dst).orThrow()).isEqualTo(ns.getattr(dst).orThrow());
        assertThat(replayCounts).isEqualTo(fileCounts).containsEntry(12L, 3);

        assertThat(copy.replay(new Change.Append(T0, dst, src, Change.Append.WHOLE_FILE_FROM,
                Change.Append.WHOLE_FILE_TO))).isEqualTo(MfsStatus.OK);
        assertThat(chunksOf(copy, dst)).containsExactly(1L, 11L, 12L, 12L, 11L, 12L);
        assertThat(copy.replay(new Change.Append(T0, dst, src, 0, 2))).as("past the source's last chunk")
                .isEqualTo(MfsStatus.EINVAL);
    }
}
