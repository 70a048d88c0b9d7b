package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.b;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.sclass.ClassDraft;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.protocol.MfsStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mfsscadmin's operations on the namespace: validation, the recorded lines, and replay of them. */
class StorageClassOpsTest {
    private static final int A = 1;
    private static final int B = 2;
    private static final int SET = 0;
    private final FsFixture fx = new FsFixture();
    private final Namespace ns = fx.ns;

    private static ClassDraft draft(LabelExpression... keep) {
        List<LabelExpression> k = List.of(keep);
        return new ClassDraft(false, StorageClass.MODE_STD, 0, k, k, k);
    }

    @Test
    void createLogsAnScsetLineAsMooseFsAndTheClassCanBeAssignedByItsId() {
        StorageClass created = ns.createClass("twosites", draft(LabelExpression.of(A), LabelExpression.of(B)))
                .orThrow();

        assertThat(created.id()).isEqualTo(10);
        assertThat(fx.changes).last().hasToString(FsFixture.T0
                + "|SCSET(twosites,1,W2,K2,A2,1,0,0,1,0,0,0,2,0,0,0,1,0,0,0,2,0,0,0,1,0,0,0,2,0,0,0):10");
        int f = fx.file(1, "f");
        ns.setSclass(f, 0, 10, 10, SET, false).orThrow();
        assertThat(ns.sclass(f)).isEqualTo(10);
        assertThat(ns.placementClass(f)).isEqualTo(10);
        assertThat(ns.createClass("twosites", draft(LabelExpression.ANY)).status())
                .isEqualTo(MfsStatus.CLASSEXISTS);
        assertThat(ns.createClass("", draft(LabelExpression.ANY)).status()).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.createClass("x", new ClassDraft(false, 1, 0, List.of(), List.of(LabelExpression.ANY),
                List.of(LabelExpression.ANY))).status()).isEqualTo(MfsStatus.EINVAL);
    }

    @Test
    void aClassInUseCannotBeDeletedUntilItsLastNodeLeavesIt() {
        ns.createClass("ssd", draft(LabelExpression.of(A))).orThrow();
        int d = fx.mkdir(1, "d");
        ns.setSclass(d, 0, 10, 10, SET, false).orThrow();

        assertThat(ns.deleteClass("ssd")).isEqualTo(MfsStatus.CLASSINUSE);
        ns.setSclass(d, 0, 2, 2, SET, false).orThrow();
        assertThat(ns.deleteClass("ssd")).isEqualTo(MfsStatus.OK);
        assertThat(fx.changes).last().hasToString(FsFixture.T0 + "|SCDEL(ssd):10");
        assertThat(ns.deleteClass("ssd")).isEqualTo(MfsStatus.NOSUCHCLASS);
        assertThat(ns.deleteClass("2")).isEqualTo(MfsStatus.EPERM);
    }

    @Test
    void modifyChangesOnlyTheMaskedFieldsAndPredefinedClassesNeedForce() {
        ns.createClass("ssd", draft(LabelExpression.of(A))).orThrow();
        StorageClass changed = ns.changeClass("ssd", ClassDraft.CHG_KEEP | ClassDraft.CHG_MODE,
                new ClassDraft(true, StorageClass.MODE_STRICT, 9, List.of(LabelExpression.ANY),
                        List.of(LabelExpression.of(A), LabelExpression.of(B)), List.of(LabelExpression.ANY)))
                .orThrow();
        assertThat(changed.mode()).isEqualTo(StorageClass.MODE_STRICT);
        assertThat(changed.adminOnly()).as("not in the mask").isFalse();
        assertThat(changed.archDelay()).isZero();
        assertThat(changed.keep()).hasSize(2);
        assertThat(changed.create()).containsExactly(LabelExpression.of(A));
        assertThat(fx.changes).last().asString().contains("|SCSET(ssd,0,W1,K2,A1,2,0,0,");

        int before = fx.changes.size();
        assertThat(ns.changeClass("ssd", 0, null).orThrow()).as("mask 0 reads").isEqualTo(changed);
        assertThat(fx.changes).hasSize(before);

        ClassDraft one = draft(LabelExpression.ANY);
        assertThat(ns.changeClass("3", ClassDraft.CHG_KEEP, one).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.changeClass("3", ClassDraft.CHG_KEEP | ClassDraft.CHG_FORCE, one).orThrow().goal())
                .isEqualTo(1);
        assertThat(ns.changeClass("nope", ClassDraft.CHG_KEEP, one).status()).isEqualTo(MfsStatus.NOSUCHCLASS);
    }

    @Test
    void duplicateAndRenameAreLoggedWithTheirIds() {
        ns.createClass("ssd", draft(LabelExpression.of(A))).orThrow();
        assertThat(ns.duplicateClass("ssd", "ssd copy")).isEqualTo(MfsStatus.OK);
        assertThat(fx.changes).last().hasToString(FsFixture.T0 + "|SCDUP(ssd,ssd copy):10,11");
        assertThat(ns.renameClass("ssd copy", "fast,disk")).isEqualTo(MfsStatus.OK);
        assertThat(fx.changes).last().hasToString(FsFixture.T0 + "|SCREN(ssd copy,fast%2Cdisk):11");
        assertThat(ns.renameClass("1", "one")).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.duplicateClass("ssd", "fast,disk")).isEqualTo(MfsStatus.CLASSEXISTS);
    }

    @Test
    void replayingTheRecordedChangesRebuildsTheSameClassesAndAssignments() {
        ns.createClass("a", draft(LabelExpression.of(A))).orThrow();
        ns.createClass("b", draft(LabelExpression.of(B), LabelExpression.ANY)).orThrow();
        ns.duplicateClass("b", "c");
        ns.renameClass("a", "aa");
        int f = fx.file(1, "f");
        ns.setSclass(f, 0, 12, 12, SET, false).orThrow();
        ns.deleteClass("b");
        ns.createClass("d", draft(LabelExpression.of(A | B))).orThrow();

        Namespace copy = fx.replayed();

        assertThat(copy.storageClasses().all()).isEqualTo(ns.storageClasses().all());
        assertThat(copy.storageClasses().get(11).name()).as("d took b's freed id").isEqualTo("d");
        assertThat(copy.canonicalListing()).isEqualTo(ns.canonicalListing());
    }

    @Test
    void replayRefusesAClassLineThatLandsOnAnotherId() {
        var definition = new StorageClass(12, "x", false, 1, 0, List.of(LabelExpression.ANY),
                List.of(LabelExpression.ANY), List.of(LabelExpression.ANY));
        assertThat(ns.replay(new Change.ScSet(1, true, definition))).isEqualTo(MfsStatus.MISMATCH);
        assertThat(ns.replay(new Change.ScDel(1, b("1"), 1))).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.storageClasses().find("x")).isZero();
    }

    @Test
    void adminOnlyClassesAreRefusedToOtherSessions() {
        ns.createClass("vip", new ClassDraft(true, 1, 0, List.of(LabelExpression.ANY), List.of(LabelExpression.ANY),
                List.of(LabelExpression.ANY))).orThrow();
        int f = fx.file(1, "f");
        assertThat(ns.setSclass(f, 0, 10, 10, SET, false).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setSclass(f, 0, 10, 10, SET, true).isOk()).isTrue();
    }
}
