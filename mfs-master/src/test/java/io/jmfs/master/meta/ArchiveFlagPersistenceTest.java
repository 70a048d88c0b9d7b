package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.change.Change;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive flag as 3.0.117 persists it: the last byte of each 17-byte CHNK 1.1 record, and the ARCHCHG changelog
 * line ({@code ARCHCHG(inode,uid,cmd):chgchunks,notchgchunks,nsinodes}).
 */
class ArchiveFlagPersistenceTest {
    private static final int T0 = 1_700_000_000;

    @TempDir
    Path dir;

    @Test
    void archchgLinesAsTheRealMasterWritesThemParseAndRenderBack() {
        for (String line : new String[] {"12: 1700000000|ARCHCHG(5,1000,0):3,1,2",
                "13: 1700000001|ARCHCHG(7,0,1):2,0,0", "14: 1700000002|ARCHCHG(1,0,1):8589934592,0,0"}) {
            ChangelogParser.Line parsed = ChangelogParser.parse(line);
            Change c = ((LoggedChange.Fs) parsed.change()).change();
            assertThat(c).isInstanceOf(Change.ArchChg.class);
            assertThat(parsed.version() + ": " + c).isEqualTo(line);
        }
        Change.ArchChg big = (Change.ArchChg) ((LoggedChange.Fs) ChangelogParser.parse(
                "14: 1700000002|ARCHCHG(1,0,1):8589934592,0,0").change()).change();
        assertThat(big.changed()).isEqualTo(1L << 33);
        assertThatThrownBy(() -> ChangelogParser.parse("1: 1|ARCHCHG(1,0,1):1,0")).hasMessageContaining("ARCHCHG");
    }

    /** A state with one file of two chunks, the first archived through ARCHCTL's path. */
    private MetaState archivedState() {
        MetaState state = MetaState.standalone(7, () -> T0);
        Namespace ns = state.namespace();
        int f = ns.create(Credentials.ROOT, 1, "f".getBytes(StandardCharsets.UTF_8), 0644, 0).orThrow().inode();
        state.chunks().load(1, 1, 0);
        state.chunks().load(2, 1, 0);
        ns.setLength(f, 128L << 20, true);
        ns.setChunk(f, 0, 1);
        ns.setChunk(f, 1, 2);
        assertThat(ns.changeArchive(f, 0, true).orThrow().changedChunks()).isEqualTo(2);
        ns.setChunk(f, 1, 0);
        state.chunks().load(3, 1, 0);
        ns.setChunk(f, 1, 3);
        return state;
    }

    @Test
    void theFlagIsTheLastByteOfTheChunkRecordAndSurvivesADump() throws Exception {
        MetaState state = archivedState();
        Path first = dir.resolve("a.mfs");
        DumpWriter.write(state, first);
        byte[] bytes = Files.readAllBytes(first);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("CHNK 1.1");
        int records = at + 16 + 8;
        // chunks 1, 2 (now unreferenced, still archived), 3; each id:64 version:32 lockedto:32 archflag:8
        assertThat(new byte[] {bytes[records + 16], bytes[records + 17 + 16], bytes[records + 34 + 16]})
                .containsExactly(1, 1, 0);

        MetaState loaded = MetaState.standalone(0);
        DumpReader.load(first, loaded);

        assertThat(loaded.chunks().get(1).isArchived()).isTrue();
        assertThat(loaded.chunks().get(3).isArchived()).isFalse();
        int f = loaded.namespace().lookup(Credentials.ROOT, 1, "f".getBytes(StandardCharsets.UTF_8)).orThrow()
                .inode();
        assertThat(loaded.namespace().archiveCounts(f).orThrow().partialFiles()).isEqualTo(1);
        Path second = dir.resolve("b.mfs");
        DumpWriter.write(loaded, second);
        assertThat(Files.readAllBytes(second)).isEqualTo(bytes);
    }

    @Test
    void aFlagOtherThanZeroOrOneIsRefusedNamingTheChunk() throws Exception {
        Path dump = dir.resolve("a.mfs");
        DumpWriter.write(archivedState(), dump);
        byte[] bytes = Files.readAllBytes(dump);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("CHNK 1.1");
        bytes[at + 16 + 8 + 16] = 2;
        Files.write(dump, bytes);

        assertThatThrownBy(() -> DumpReader.load(dump, MetaState.standalone(0)))
                .isInstanceOf(MetadataException.class).hasMessageContaining("archive flag 2");
    }
}
