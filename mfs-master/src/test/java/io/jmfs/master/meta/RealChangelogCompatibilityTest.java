package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.chunks.Chunk;
import io.jmfs.master.chunks.ChunkChange;
import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NamespaceSettings;
import io.jmfs.master.fs.change.Change;
import io.jmfs.master.chunks.ChunkRegistry;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Changelog lines as the real MooseFS 3.0.117 master writes them (captured from a real master with a workload
 * through the real mfsmount: {@code src/test/resources/meta/real-3.0.117/README.md}) against ours: each parses
 * and renders back to the same text, our live operations write the same text for the same operation, and a replay
 * of the real changelog onto the real dump reaches the state the real master reached replaying it.
 */
class RealChangelogCompatibilityTest {
    private static final String DIR = "/meta/real-3.0.117/";

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RealChangelogCompatibilityTest.class.getResource(DIR + name).toURI());
    }

    private static List<String> realLines() throws Exception {
        return Files.readAllLines(resource("changelog-1-177.mfs"), StandardCharsets.ISO_8859_1);
    }

    /** The text after {@code "<version>: "} of the real line with that version. */
    private static String real(List<String> lines, int version) {
        String line = lines.get(version - 1);
        assertThat(line).startsWith(version + ": ");
        return line.substring(line.indexOf(": ") + 2);
    }

    @Test
    void everyLineTheRealMasterWroteParsesAndRendersBackToTheSameText() throws Exception {
        List<String> lines = realLines();
        assertThat(lines).hasSize(177);
        for (String line : lines) {
            ChangelogParser.Line parsed = ChangelogParser.parse(line);
            assertThat(parsed.version() + ": " + parsed.change().text()).as("round trip").isEqualTo(line);
        }
    }

    @Test
    void theChunkRecordsHaveMooseFsNamesAndLayouts() throws Exception {
        List<String> lines = realLines();
        // versions 12, 25, 30, 31 of the capture: a new chunk, an append that needed no version increase, a
        // truncate inside the chunk and its unlock
        assertThat(new ChunkChange.Write(1795248016, 5, 0, 1, false, 1).toString()).isEqualTo(real(lines, 12));
        assertThat(new ChunkChange.Write(1795248016, 5, 0, 0, false, 1).toString()).isEqualTo(real(lines, 25));
        assertThat(new ChunkChange.Trunc(1795248016, 6, 0, 2).toString()).isEqualTo(real(lines, 30));
        assertThat(new ChunkChange.Unlocked(1795248016, 2).toString()).isEqualTo(real(lines, 31));
        assertThat(new ChunkChange.Deleted(1795248160, 6, 1).toString()).isEqualTo(real(lines, 172));
        assertThat(new Change.Length(1795248016, 6, 1000, true).toString()).isEqualTo(real(lines, 32));
        assertThat(new Change.Acquire(1795248016, 5, 1).toString()).as("session first").isEqualTo(real(lines, 11));
    }

    /** Versions 7-11 and 39-46 of the capture, done by our namespace at the same second by the same user. */
    @Test
    void ourNamespaceOperationsWriteTheRealMastersLines() throws Exception {
        List<String> lines = realLines();
        int ts = 1795248016;
        List<Change> recorded = new ArrayList<>();
        ChunkRegistry chunks = new ChunkRegistry(change -> { });
        Namespace ns = new Namespace(() -> ts, recorded::add, chunks.fileReferences(), NamespaceSettings.DEFAULTS);
        Credentials root = Credentials.ROOT;

        ns.mkdir(root, 1, b("d1"), 0777, 022, false).orThrow();
        ns.mkdir(root, 2, b("d2"), 0777, 022, false).orThrow();
        ns.mkdir(root, 1, b("we ird,(name)%"), 0777, 022, false).orThrow();
        ns.create(root, 2, b("f1"), 0666, 022).orThrow();
        ns.acquire(1, 5);
        assertThat(texts(recorded)).containsExactly(real(lines, 7), real(lines, 8), real(lines, 9), real(lines, 10),
                real(lines, 11));

        recorded.clear();
        ns.rename(root, 2, b("f1"), 3, b("f1moved")).orThrow();
        ns.link(root, 5, 2, b("hard")).orThrow();
        ns.symlink(root, 2, b("sym"), b("../target")).orThrow();
        ns.setxattr(root, 5, b("user.k"), b("val"), 0, false);
        ns.removexattr(root, 5, b("user.k"), false);
        // the real master had created inodes 6 to 8 in between: the symlink got 9 there, 6 here
        assertThat(texts(recorded)).containsExactly(real(lines, 39), real(lines, 40),
                real(lines, 41).replace("):9", "):6"),
                real(lines, 45).replace("SETXATTR(6,", "SETXATTR(5,"),
                real(lines, 46).replace("SETXATTR(6,", "SETXATTR(5,"));
    }

    @Test
    void replayOfTheRealChangelogOntoTheRealDumpReachesTheRealMastersState() throws Exception {
        MetaState ours = MetaState.standalone(0);
        DumpReader.load(resource("metadata-v125.mfs"), ours);
        assertThat(ours.version()).isEqualTo(125);
        ChangelogReplay.Result result = ChangelogReplay.replay(ours, List.of(resource("changelog-1-177.mfs")),
                false, 0);
        assertThat(result.applied()).isEqualTo(177 - 125 + 1);
        assertThat(MetaCheck.problems(ours)).isEmpty();

        MetaState real = MetaState.standalone(0);
        DumpReader.load(resource("metadata-v178-replayed-by-real.mfs"), real);

        assertThat(ours.version()).isEqualTo(real.version());
        assertThat(ours.namespace().canonicalListing()).isEqualTo(real.namespace().canonicalListing());
        assertThat(chunkTable(ours)).isEqualTo(chunkTable(real));
        assertThat(ours.chunks().nextChunkId()).isEqualTo(real.chunks().nextChunkId());
        assertThat(sessionIds(ours)).isEqualTo(sessionIds(real));
    }

    @Test
    void replayOfTheWholeRealChangelogFromANewFileSystemGivesTheFilesTheirChunks() throws Exception {
        MetaState ours = MetaState.standalone(0, () -> 1795248005);
        List<String> lines = realLines();
        for (String line : lines.subList(0, 59)) { // up to the first SNAPSHOT
            ChangelogParser.Line parsed = ChangelogParser.parse(line);
            Replayer.apply(ours, parsed.change());
        }
        Namespace ns = ours.namespace();
        int hard = 5; // d1/hard = d1/d2/f1moved: "hello\n" + "more\n"
        assertThat(ns.getattr(hard).value().length()).isEqualTo(11);
        assertThat(ns.chunkAt(hard, 0).value()).isEqualTo(1);
        assertThat(ours.chunks().get(1).version()).isEqualTo(1);
        int sparse = 8; // truncated to 70000000, then "x\n" appended into chunk 1
        assertThat(ns.getattr(sparse).value().length()).isEqualTo(70_000_002);
        assertThat(ns.chunkAt(sparse, 0).value()).isZero();
        assertThat(ns.chunkAt(sparse, 1).value()).isEqualTo(4);
        assertThat(ours.chunks().get(2).version()).as("big's chunk: truncated once").isEqualTo(2);
        assertThat(ours.chunks().nextChunkId()).isEqualTo(6);
        assertThat(MetaCheck.problems(ours)).isEmpty();
    }

    private static Map<Long, String> chunkTable(MetaState state) {
        Map<Long, String> out = new TreeMap<>();
        for (Chunk c : state.chunks().all()) {
            out.put(c.id(), "v" + c.version() + " files=" + c.fileCount() + " lockedTo=" + c.lockedTo());
        }
        return out;
    }

    private static List<Integer> sessionIds(MetaState state) {
        List<Integer> ids = new ArrayList<>();
        state.sessions().sessions().forEach(s -> ids.add(s.id()));
        return ids.stream().sorted().toList();
    }

    private static List<String> texts(List<Change> changes) {
        return changes.stream().map(Change::toString).toList();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
