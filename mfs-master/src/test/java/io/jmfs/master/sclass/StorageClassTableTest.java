package io.jmfs.master.sclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.MfsStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageClassTableTest {
    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 4;
    private final StorageClassTable table = new StorageClassTable();

    private static StorageClass cls(int id, String name, LabelExpression... keep) {
        List<LabelExpression> k = List.of(keep);
        return new StorageClass(id, name, false, StorageClass.MODE_STD, 0, k, k, k);
    }

    @Test
    void labelExpressionsMatchAnyOfTheirAlternativesWhenTheServerHasAllItsLabels() {
        LabelExpression aAndBOrC = LabelExpression.of(A | B, C);
        assertThat(aAndBOrC.matches(A | B)).isTrue();
        assertThat(aAndBOrC.matches(A | B | C)).isTrue();
        assertThat(aAndBOrC.matches(C)).isTrue();
        assertThat(aAndBOrC.matches(A)).as("A alone is not A+B").isFalse();
        assertThat(aAndBOrC.matches(0)).isFalse();
        assertThat(LabelExpression.ANY.matches(0)).isTrue();
        assertThat(LabelExpression.ANY.isAny()).isTrue();
        assertThat(aAndBOrC).hasToString("A+B|C");
        assertThat(LabelExpression.ANY).hasToString("*");
        assertThatThrownBy(() -> new LabelExpression(List.of(1, 2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBestPairingOfExpressionsAndServersIsFoundEvenWhenTheGreedyOneFails() {
        // a greedy pass would give the A+B server to "A" and leave "A+B" without one
        List<LabelExpression> exprs = List.of(LabelExpression.of(A), LabelExpression.of(A | B));
        int[] pairing = LabelMatching.match(exprs, List.of(A | B, A));
        assertThat(pairing).containsExactly(1, 0);
        assertThat(LabelMatching.satisfied(exprs, List.of(A, A))).isEqualTo(1);
        assertThat(LabelMatching.satisfied(List.of(LabelExpression.ANY, LabelExpression.ANY), List.of(A)))
                .as("one server holds one copy").isEqualTo(1);
    }

    @Test
    void aNewTableHasThePredefinedClassesOneToNine() {
        assertThat(table.all()).extracting(StorageClass::name)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        StorageClass three = table.get(3);
        assertThat(three.goal()).isEqualTo(3);
        assertThat(three.mode()).isEqualTo(StorageClass.MODE_STD);
        assertThat(three.keepHasLabels()).isFalse();
        assertThat(three.isSimpleGoal()).isTrue();
        assertThat(table.find("3")).isEqualTo(3);
        assertThat(table.find("ssd")).isZero();
        assertThat(table.effective(0).id()).as("no class: the default").isEqualTo(StorageClassTable.DEFAULT);
    }

    @Test
    void createdClassesTakeTheLowestFreeIdFromTenAndNamesStayUnique() {
        assertThat(table.nextFreeId()).isEqualTo(10);
        assertThat(table.set(true, cls(10, "ssd", LabelExpression.of(A)))).isEqualTo(MfsStatus.OK);
        assertThat(table.set(true, cls(11, "ssd", LabelExpression.of(B)))).isEqualTo(MfsStatus.CLASSEXISTS);
        assertThat(table.set(true, cls(12, "hdd", LabelExpression.of(B)))).as("replay landing elsewhere")
                .isEqualTo(MfsStatus.MISMATCH);
        assertThat(table.set(true, cls(11, "hdd", LabelExpression.of(B)))).isEqualTo(MfsStatus.OK);
        assertThat(table.delete("ssd", 0)).isEqualTo(MfsStatus.OK);
        assertThat(table.nextFreeId()).as("a deleted id is reused").isEqualTo(10);
        assertThat(table.set(false, cls(10, "nope", LabelExpression.ANY))).isEqualTo(MfsStatus.NOSUCHCLASS);
    }

    @Test
    void thePredefinedClassesCannotBeRenamedOrDeleted() {
        assertThat(table.rename("2", "two", 0)).isEqualTo(MfsStatus.EPERM);
        assertThat(table.delete("2", 0)).isEqualTo(MfsStatus.EPERM);
        assertThat(table.delete("none", 0)).isEqualTo(MfsStatus.NOSUCHCLASS);
        assertThat(table.delete("", 0)).isEqualTo(MfsStatus.EINVAL);
    }

    @Test
    void duplicateAndRenameKeepTheDefinition() {
        table.set(true, cls(10, "ssd", LabelExpression.of(A), LabelExpression.of(B)));
        assertThat(table.duplicate("ssd", "ssd2", 10, 11)).isEqualTo(MfsStatus.OK);
        assertThat(table.duplicate("ssd", "ssd2", 0, 0)).isEqualTo(MfsStatus.CLASSEXISTS);
        assertThat(table.duplicate("x", "y", 0, 0)).isEqualTo(MfsStatus.NOSUCHCLASS);
        assertThat(table.rename("ssd2", "fast", 11)).isEqualTo(MfsStatus.OK);
        assertThat(table.rename("fast", "ssd", 0)).isEqualTo(MfsStatus.CLASSEXISTS);
        StorageClass fast = table.get(11);
        assertThat(fast.name()).isEqualTo("fast");
        assertThat(fast.keep()).isEqualTo(table.get(10).keep());
        assertThat(table.rename("fast", "faster", 12)).isEqualTo(MfsStatus.MISMATCH);
    }

    @Test
    void definitionsAreValidated() {
        assertThatThrownBy(() -> cls(10, "x")).hasMessageContaining("1..9");
        assertThatThrownBy(() -> cls(10, "a\0b", LabelExpression.ANY)).hasMessageContaining("name");
        assertThatThrownBy(() -> cls(256, "x", LabelExpression.ANY)).hasMessageContaining("id");
        assertThat(StorageClass.validName("x".repeat(255))).isTrue();
        assertThat(StorageClass.validName("x".repeat(256))).isFalse();
    }

    @Test
    void theDumpSectionRoundTripsAndForANewFileSystemIsWhatMooseFsWrites() {
        byte[] fresh = StorageClassDump.encode(table.all());
        // 1 or-group byte, per class 10 header bytes + 1 name byte + 3*n expressions of 16 bytes, 10 end bytes
        int expected = 1 + 10;
        for (int n = 1; n <= 9; n++) {
            expected += 11 + 3 * n * 16;
        }
        assertThat(fresh).hasSize(expected);
        assertThat(fresh[0]).isEqualTo((byte) 4);
        assertThat(StorageClassDump.decode(fresh)).isEqualTo(table.all());

        table.set(true, new StorageClass(10, "two sites", true, StorageClass.MODE_STRICT, 7,
                List.of(LabelExpression.of(A | B, C)), List.of(LabelExpression.of(A), LabelExpression.of(B)),
                List.of(LabelExpression.ANY)));
        List<StorageClass> back = StorageClassDump.decode(StorageClassDump.encode(table.all()));
        assertThat(back).isEqualTo(table.all());

        assertThatThrownBy(() -> StorageClassDump.decode(new byte[] {4, 0, 10})).hasMessageContaining("early");
        assertThatThrownBy(() -> StorageClassDump.decode(new byte[] {9})).hasMessageContaining("or-groups");
    }
}
