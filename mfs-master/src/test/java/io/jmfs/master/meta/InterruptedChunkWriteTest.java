package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.chunks.ChunkChange;
import io.jmfs.master.chunks.ChunkRegistry;
import io.jmfs.master.fs.Credentials;
import io.jmfs.protocol.MfsStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk write is one changelog line (MooseFS's WRITE: the chunk decision, its lock and the file's slot at once),
 * so a kill at any point leaves either the whole write or nothing. A write whose end (LENGTH, UNLOCK) was never
 * logged loads with the file on its new chunk, locked as the writer left it.
 */
class InterruptedChunkWriteTest {
    @TempDir
    Path dir;

    @Test
    void aWriteKilledBeforeItsEndLoadsWithTheChunkPlacedAndLocked() throws Exception {
        int file;
        long chunk;
        int writtenAt;
        try (LiveFixture fx = new LiveFixture(dir, false)) {
            file = fx.ns.create(Credentials.ROOT, 1, LiveFixture.b("f"), 0666, 022).value().inode();
            chunk = fx.chunks.nextChunkId();
            writtenAt = fx.now;
            fx.writeChunk(file, 1, 0); // WRITE only: the writer never ended
            fx.persistence.changelog().writer().flush().join();
        }

        MetaState loaded = load();

        assertThat(loaded.namespace().chunkAt(file, 1).value()).isEqualTo(chunk);
        assertThat(loaded.namespace().getattr(file).value().length()).as("grown to the chunk's start")
                .isEqualTo(1L << 26);
        assertThat(loaded.chunks().get(chunk).fileCount()).isEqualTo(1);
        assertThat(loaded.chunks().get(chunk).lockedTo()).isEqualTo(writtenAt + ChunkRegistry.WRITE_LOCK_SECONDS);
        assertThat(loaded.chunks().nextChunkId()).isEqualTo(chunk + 1);
    }

    @Test
    void aCopyOnWriteKilledBeforeItsEndLoadsWithTheFileOnTheCopy() throws Exception {
        int file;
        long old;
        long copy;
        try (LiveFixture fx = new LiveFixture(dir, false)) {
            file = fx.ns.create(Credentials.ROOT, 1, LiveFixture.b("f"), 0666, 022).value().inode();
            old = fx.chunks.nextChunkId();
            fx.writeChunk(file, 0, 1);
            assertThat(fx.ns.snapshot(Credentials.ROOT, 0, file, 1, LiveFixture.b("snap"), 0, 022)).isEqualTo(MfsStatus.OK);
            copy = fx.chunks.nextChunkId();
            fx.writeChunk(file, 0, 0);
            assertThat(fx.ns.chunkAt(file, 0).value()).isEqualTo(copy);
            assertThat(MetaCheck.problems(fx.state)).as("the live state after the copy-on-write").isEmpty();
            fx.persistence.changelog().writer().flush().join();
        }

        MetaState loaded = load();

        assertThat(loaded.namespace().chunkAt(file, 0).value()).isEqualTo(copy);
        assertThat(loaded.chunks().get(copy).fileCount()).isEqualTo(1);
        assertThat(loaded.chunks().get(old).fileCount()).as("the snapshot's").isEqualTo(1);
    }

    @Test
    void aFailedWriteIsRolledBackInReplayAsLive() throws Exception {
        int file;
        long chunk;
        try (LiveFixture fx = new LiveFixture(dir, false)) {
            file = fx.ns.create(Credentials.ROOT, 1, LiveFixture.b("f"), 0666, 022).value().inode();
            chunk = fx.chunks.nextChunkId();
            fx.writeChunk(file, 0, 2); // WRITE then ROLLBACK
            fx.persistence.changelog().writer().flush().join();
        }

        MetaState loaded = load();

        assertThat(loaded.namespace().chunkAt(file, 0).value()).isZero();
        assertThat(loaded.chunks().get(chunk).fileCount()).isZero();
        assertThat(loaded.chunks().get(chunk).lockedTo()).isZero();
    }

    @Test
    void aWriteLineNamingAnotherChunkThanTheStateDecidesIsRefused() {
        MetaState s = MetaState.standalone(0);
        int file = s.namespace().create(Credentials.ROOT, 1, LiveFixture.b("f"), 0666, 022).value().inode();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.chunks().apply(
                        new ChunkChange.Write(LiveFixture.T0, file, 0, 1, false, 7), s.fileSlots()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the next id 1");
        assertThat(s.namespace().chunkAt(file, 0).value()).as("nothing changed").isZero();
    }

    private MetaState load() throws Exception {
        MetaState s = MetaState.standalone(0);
        MetadataStartup.load(MetadataStartup.plan(dir, false), s, dir); // runs MetaCheck, throws if inconsistent
        return s;
    }
}
