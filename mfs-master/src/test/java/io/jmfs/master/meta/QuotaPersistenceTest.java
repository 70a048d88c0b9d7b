package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.change.Change;
import io.jmfs.master.quota.QuotaDefinition;
import io.jmfs.master.quota.QuotaFlags;
import io.jmfs.master.quota.QuotaState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The QUOTA changelog line (restore.c's grammar) and the QUOT dump section (version 1.1, 70-byte records). */
class QuotaPersistenceTest {
    @TempDir
    Path dir;

    static QuotaState read(Namespace ns, int inode) {
        return ns.quotaControl(inode, true, QuotaDefinition.none(0)).orThrow();
    }

    @Test
    void quotaLinesAsTheRealMasterWritesThemParseAndRenderBackIdentically() {
        for (String line : new String[] {
                "41: 1700000000|QUOTA(2,0,17,0,10,20,0,0,0,0,0,0,3600)",
                "42: 1700000005|QUOTA(2,1,255,1700000001,1,2,3,4,5,6,7,18446744073709551615,0)",
                "43: 1700000009|QUOTA(2,0,0,0,0,0,0,0,0,0,0,0,0)"}) {
            ChangelogParser.Line parsed = ChangelogParser.parse(line);
            Change change = ((LoggedChange.Fs) parsed.change()).change();
            assertThat(change).isInstanceOf(Change.Quota.class);
            assertThat(parsed.version() + ": " + change).isEqualTo(line);
        }
        Change.Quota q = (Change.Quota) ((LoggedChange.Fs) ChangelogParser
                .parse("42: 1700000005|QUOTA(2,1,255,1700000001,1,2,3,4,5,6,7,8,99)").change()).change();
        assertThat(q.definition()).isEqualTo(new QuotaDefinition(2, true, 255, 1_700_000_001, 99, 1, 2, 3, 4, 5, 6,
                7, 8));
    }

    @Test
    void olderQuotaLinesWithoutAGracePeriodParseWithNone() {
        Change.Quota q = (Change.Quota) ((LoggedChange.Fs) ChangelogParser
                .parse("7: 1|QUOTA(3,0,16,0,0,5,0,0,0,0,0,0)").change()).change();
        assertThat(q.definition().gracePeriod()).isZero();
        assertThat(q.definition().hardInodes()).isEqualTo(5);
    }

    @Test
    void malformedQuotaLinesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ChangelogParser.parse("1: 1|QUOTA(2,0,16)")).hasMessageContaining("QUOTA");
        assertThatThrownBy(() -> ChangelogParser.parse("1: 1|QUOTA(2,0,256,0,0,5,0,0,0,0,0,0,0)"))
                .hasMessageContaining("8 bits");
    }

    @Test
    void quotasSurviveADumpInTheRealLayoutWithTheirUsageRecounted() throws Exception {
        MetaState state = MetaState.standalone(7, () -> 1_700_000_000);
        Namespace ns = state.namespace();
        int d = ns.mkdir(Credentials.ROOT, 1, "d".getBytes(), 0755, 0, false).orThrow().inode();
        ns.create(Credentials.ROOT, d, "f".getBytes(), 0644, 0).orThrow();
        ns.quotaControl(d, false, new QuotaDefinition(0, false, QuotaFlags.SOFT_INODES | QuotaFlags.HARD_INODES, 0,
                3600, 10, 20, 0, 0, 0, 0, 0, 0)).orThrow();
        Path first = dir.resolve("a.mfs");
        DumpWriter.write(state, first);

        byte[] bytes = Files.readAllBytes(first);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("QUOT 1.1");
        assertThat(at).isPositive();
        ByteBuffer section = ByteBuffer.wrap(bytes, at + 8, bytes.length - at - 8);
        assertThat(section.getLong()).isEqualTo(4 + 70);
        assertThat(section.getInt()).isEqualTo(1);
        assertThat(section.getInt()).isEqualTo(d);
        assertThat(section.getInt()).isEqualTo(3600);
        assertThat(section.get()).isEqualTo((byte) 0);
        assertThat(section.get()).isEqualTo((byte) 0x11);
        assertThat(section.getInt()).isZero();
        assertThat(section.getInt()).isEqualTo(10);
        assertThat(section.getInt()).isEqualTo(20);

        MetaState loaded = MetaState.standalone(0);
        DumpReader.load(first, loaded);
        assertThat(read(loaded.namespace(), d)).isEqualTo(read(ns, d));
        assertThat(read(loaded.namespace(), d).usage().inodes()).isEqualTo(1);
        Path second = dir.resolve("b.mfs");
        DumpWriter.write(loaded, second);
        assertThat(Files.readAllBytes(second)).isEqualTo(bytes);
    }

    @Test
    void aQuotaOnSomethingThatIsNotADirectoryIsRefusedNamingTheInode() throws Exception {
        MetaState state = MetaState.standalone(7, () -> 1_700_000_000);
        Namespace ns = state.namespace();
        int d = ns.mkdir(Credentials.ROOT, 1, "d".getBytes(), 0755, 0, false).orThrow().inode();
        int f = ns.create(Credentials.ROOT, 1, "f".getBytes(), 0644, 0).orThrow().inode();
        ns.quotaControl(d, false, new QuotaDefinition(0, false, QuotaFlags.HARD_INODES, 0, 0, 0, 5, 0, 0, 0, 0, 0,
                0)).orThrow();
        Path dump = dir.resolve("a.mfs");
        DumpWriter.write(state, dump);
        byte[] bytes = Files.readAllBytes(dump);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("QUOT 1.1");
        ByteBuffer.wrap(bytes).putInt(at + 8 + 8 + 4, f);
        Files.write(dump, bytes);

        assertThatThrownBy(() -> DumpReader.load(dump, MetaState.standalone(0)))
                .isInstanceOf(MetadataException.class).hasMessageContaining("a.mfs")
                .hasMessageContaining("quota defined for not directory inode: " + f);
    }
}
