package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage class lines of MooseFS 3.0.117's changelog (storageclass.c / restore.c) and the SCLA dump section. */
class StorageClassChangelogTest {
    @TempDir
    Path dir;

    @Test
    void scsetLinesAsTheRealMasterWritesThemParseToTheDefinition() {
        // mfsscadmin create -a 1 -m S -C A+B|C -K A,B -A * -d 7 "fast,disk" on 3.0.117
        String line = "12: 1700000000|SCSET(fast%2Cdisk,1,W1,K2,A1,2,7,1,3,4,0,0,1,0,0,0,2,0,0,0,0,0,0,0):10";

        ChangelogParser.Line parsed = ChangelogParser.parse(line);

        Change.ScSet set = (Change.ScSet) ((LoggedChange.Fs) parsed.change()).change();
        StorageClass c = set.definition();
        assertThat(set.isNew()).isTrue();
        assertThat(c.id()).isEqualTo(10);
        assertThat(c.name()).isEqualTo("fast,disk");
        assertThat(c.adminOnly()).isTrue();
        assertThat(c.mode()).isEqualTo(StorageClass.MODE_STRICT);
        assertThat(c.archDelay()).isEqualTo(7);
        assertThat(c.create()).containsExactly(LabelExpression.of(3, 4));
        assertThat(c.keep()).containsExactly(LabelExpression.of(1), LabelExpression.of(2));
        assertThat(c.archive()).containsExactly(LabelExpression.ANY);
        assertThat(parsed.version() + ": " + set).isEqualTo(line);
    }

    @Test
    void theOtherClassLinesRoundTrip() {
        for (String line : List.of("5: 1700000001|SCDUP(a,b%28c%29):10,11", "6: 1700000002|SCREN(b%28c%29,d):11",
                "7: 1700000003|SCDEL(d):11")) {
            ChangelogParser.Line parsed = ChangelogParser.parse(line);
            assertThat(parsed.version() + ": " + ((LoggedChange.Fs) parsed.change()).change()).isEqualTo(line);
        }
    }

    @Test
    void malformedClassLinesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ChangelogParser.parse("1: 1|SCSET(a,1,W1,K1,A1,1,0,0,1,0,0):10"))
                .hasMessageContaining("SCSET");
        assertThatThrownBy(() -> ChangelogParser.parse("1: 1|SCSET(a,1,X1,K1,A1,1,0,0,1,0,0,0,1,0,0,0,1,0,0,0):10"))
                .hasMessageContaining("W<count>");
        assertThatThrownBy(() -> ChangelogParser.parse("1: 1|SCDEL(a)")).hasMessageContaining("missing result");
    }

    @Test
    void userClassesSurviveADumpAndTheirChunksArePlacedByThem() throws Exception {
        MetaState state = MetaState.standalone(7, () -> 1_700_000_000);
        var ns = state.namespace();
        var draft = new io.jmfs.master.sclass.ClassDraft(false, StorageClass.MODE_LOOSE, 0,
                List.of(LabelExpression.of(1)), List.of(LabelExpression.of(1), LabelExpression.of(2)),
                List.of(LabelExpression.of(1)));
        ns.createClass("twosites", draft).orThrow();
        int f = ns.create(io.jmfs.master.fs.Credentials.ROOT, 1, "f".getBytes(), 0644, 0).orThrow().inode();
        ns.setSclass(f, 0, 10, 10, 0, true).orThrow();
        Path first = dir.resolve("a.mfs");
        DumpWriter.write(state, first);

        MetaState loaded = MetaState.standalone(0);
        DumpReader.load(first, loaded);

        assertThat(loaded.namespace().storageClasses().all()).isEqualTo(ns.storageClasses().all());
        assertThat(loaded.namespace().sclass(f)).isEqualTo(10);
        Path second = dir.resolve("b.mfs");
        DumpWriter.write(loaded, second);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void aDamagedStorageClassSectionIsRefusedNamingTheFile() throws Exception {
        Path dump = dir.resolve("a.mfs");
        DumpWriter.write(MetaState.standalone(7, () -> 1_700_000_000), dump);
        byte[] bytes = Files.readAllBytes(dump);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("SCLA 1.6");
        assertThat(at).isPositive();
        bytes[at + 16] = 9; // the or-group count: MooseFS writes 4
        Files.write(dump, bytes);

        assertThatThrownBy(() -> DumpReader.load(dump, MetaState.standalone(0)))
                .isInstanceOf(MetadataException.class).hasMessageContaining("a.mfs")
                .hasMessageContaining("storage classes").hasMessageContaining("or-groups");
    }
}
