package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.chunks.ChunkChange;
import io.jmfs.master.fs.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk write is logged as two lines: the chunk change (CHUNKNEW or CHUNKCOW) and then the file's SETFILECHUNK. A
 * kill between the two leaves only the first line behind; the metadata must load consistent from that, with the
 * file keeping what it had and the new chunk unreferenced (the chunk loop deletes it later).
 */
class InterruptedChunkWriteTest {
    @TempDir
    Path dir;

    @Test
    void aKillBetweenChunkNewAndSetFileChunkLoadsConsistent() throws Exception {
        int file;
        long chunk;
        try (LiveFixture fx = new LiveFixture(dir, false)) {
            file = fx.ns.create(Credentials.ROOT, 1, LiveFixture.b("f"), 0666, 022).value().inode();
            chunk = fx.chunks.nextChunkId();
            fx.writeChunk(file, 0);
            fx.persistence.changelog().writer().flush().join();
        }
        dropLastLine("SETFILECHUNK(" + file + ",0," + chunk + ")");

        MetaState loaded = load();

        assertThat(loaded.namespace().chunkAt(file, 0).value()).isZero();
        assertThat(loaded.chunks().get(chunk)).as("the new chunk exists").isNotNull();
        assertThat(loaded.chunks().get(chunk).fileCount()).isZero();
    }

    @Test
    void aKillBetweenChunkCowAndSetFileChunkLoadsConsistent() throws Exception {
        int file;
        long old;
        long copy;
        try (LiveFixture fx = new LiveFixture(dir, false)) {
            file = fx.ns.create(Credentials.ROOT, 1, LiveFixture.b("f"), 0666, 022).value().inode();
            old = fx.chunks.nextChunkId();
            fx.writeChunk(file, 0);
            copy = fx.chunks.nextChunkId();
            ChunkChange cow = new ChunkChange.CopiedOnWrite(fx.now, old, copy, fx.now + 60);
            fx.router.record(cow);
            fx.chunks.apply(cow);
            fx.ns.setChunk(file, 0, copy);
            assertThat(MetaCheck.problems(fx.state)).as("the live state after the whole write").isEmpty();
            fx.persistence.changelog().writer().flush().join();
        }
        dropLastLine("SETFILECHUNK(" + file + ",0," + copy + ")");

        MetaState loaded = load();

        assertThat(loaded.namespace().chunkAt(file, 0).value()).isEqualTo(old);
        assertThat(loaded.chunks().get(old).fileCount()).isEqualTo(1);
        assertThat(loaded.chunks().get(copy).fileCount()).isZero();
    }

    /** What a kill right before the last line was written leaves behind. */
    private void dropLastLine(String expectedEnd) throws Exception {
        List<Path> logs = ChangelogFiles.oldestFirst(dir);
        Path newest = logs.get(logs.size() - 1);
        List<String> lines = Files.readAllLines(newest, StandardCharsets.ISO_8859_1);
        assertThat(lines.get(lines.size() - 1)).endsWith(expectedEnd);
        Files.write(newest, lines.subList(0, lines.size() - 1), StandardCharsets.ISO_8859_1);
    }

    private MetaState load() throws Exception {
        MetaState s = MetaState.standalone(0);
        MetadataStartup.load(MetadataStartup.plan(dir, false), s, dir); // runs MetaCheck, throws if inconsistent
        return s;
    }
}
