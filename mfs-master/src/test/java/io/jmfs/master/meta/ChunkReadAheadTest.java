package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At start the chunk table is read on a second thread while the namespace loads; what a load reports stays what
 * a sequential read would: the first problem in file order, with its byte offset.
 */
class ChunkReadAheadTest {
    @TempDir
    Path dir;
    Path dump;
    byte[] bytes;

    @BeforeEach
    void aDumpWithChunks() throws Exception {
        dump = dir.resolve("metadata.mfs");
        DumpWriter.write(DumpBenchmarkMain.build(3000), dump);
        bytes = Files.readAllBytes(dump);
    }

    @Test
    void aGoodDumpLoadsEveryChunkAndItsReferences() throws Exception {
        MetaState s = MetaState.standalone(0);
        DumpReader.loadAtStart(dump, s);
        assertThat(s.chunks().size()).isEqualTo(3000);
        assertThat(s.chunks().all()).allSatisfy(c -> assertThat(c.fileCount()).isEqualTo(1));
        assertThat(MetaCheck.problems(s)).isEmpty();
    }

    @Test
    void aBrokenChunkSectionIsReportedWithItsOffset() throws Exception {
        int marker = bytes.length - 16 - 17; // CHNK's end record, just before the EOF marker
        bytes[marker + 9] = 1; // its version
        Files.write(dump, bytes);

        assertThatThrownBy(() -> DumpReader.loadAtStart(dump, MetaState.standalone(0))).isInstanceOf(MetadataException.class)
                .hasMessageContaining("broken CHNK end marker (at byte " + (marker + 17) + ")");
    }

    @Test
    void anEarlierSectionsProblemWinsOverOneInTheChunkSection() throws Exception {
        bytes[bytes.length - 16 - 17 + 9] = 1;
        int node = indexOf("NODE 1.4");
        bytes[node + 16 + 8] = 99; // the first node's type
        Files.write(dump, bytes);

        assertThatThrownBy(() -> DumpReader.loadAtStart(dump, MetaState.standalone(0))).isInstanceOf(MetadataException.class)
                .hasMessageContaining("node of unknown type 99");
    }

    @Test
    void aChunkSectionLongerThanTheFileIsATruncationNotAReadAhead() throws Exception {
        int chnk = indexOf("CHNK 1.1");
        Files.write(dump, Arrays.copyOf(bytes, chnk + 40));

        assertThatThrownBy(() -> DumpReader.loadAtStart(dump, MetaState.standalone(0))).isInstanceOf(MetadataException.class)
                .hasMessageContaining("section CHNK at byte " + chnk).hasMessageContaining("(truncated)");
    }

    @Test
    void aFileNamingAChunkTheTableLacksIsReportedWhenChunkReferencesAreCountedOnTheSecondThread() throws Exception {
        int chnk = indexOf("CHNK 1.1");
        putLong(chnk + 16, 5001); // nextchunkid
        putLong(bytes.length - 16 - 17 - 17, 5000); // the last record: chunk 3000 becomes 5000
        Files.write(dump, bytes);

        assertThatThrownBy(() -> DumpReader.loadAtStart(dump, MetaState.standalone(0))).isInstanceOf(MetadataException.class)
                .hasMessageContaining("references unknown chunk 0000000000000BB8");
        assertThatThrownBy(() -> DumpReader.load(dump, MetaState.standalone(0))).isInstanceOf(MetadataException.class)
                .hasMessageContaining("references unknown chunk 0000000000000BB8");
    }

    @Test
    void aProblemAfterTheNodesStopsTheChunkThreadToo() throws Exception {
        int edge = indexOf("EDGE 1.1");
        for (int i = 0; i < 4; i++) {
            bytes[edge + 16 + 8 + 4 + i] = 0x7F; // the first entry's child: an inode that does not exist
        }
        Files.write(dump, bytes);

        assertThatThrownBy(() -> DumpReader.loadAtStart(dump, MetaState.standalone(0))).isInstanceOf(MetadataException.class)
                .hasMessageContaining("missing inode");
        // the load returned after the chunk thread gave up; the thread itself ends a moment later
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (chunkThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(chunkThreadAlive()).as("the chunk thread still runs").isFalse();
    }

    private static boolean chunkThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("mfsmaster-load-chunks") && t.isAlive());
    }

    private void putLong(int at, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[at + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    private int indexOf(String tag) {
        byte[] t = tag.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 24; i + t.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + t.length, t, 0, t.length)) {
                return i;
            }
        }
        throw new AssertionError(tag + " not found");
    }
}
