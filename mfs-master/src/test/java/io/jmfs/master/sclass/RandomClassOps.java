package io.jmfs.master.sclass;

import io.jmfs.master.fs.Namespace;
import java.util.List;
import java.util.Random;

/** Random storage class administration and assignment, for the replay and persistence property tests. */
public final class RandomClassOps {
    private static final String[] NAMES = {"c1", "c2", "c,3"};

    private RandomClassOps() {
    }

    /** One of create / modify / delete / duplicate / rename on a few names: many fail (exists, in use, missing). */
    public static Object administer(Namespace ns, Random rnd) {
        String name = NAMES[rnd.nextInt(NAMES.length)];
        String other = NAMES[rnd.nextInt(NAMES.length)];
        LabelExpression e = LabelExpression.of(rnd.nextInt(4), rnd.nextInt(2) * 4);
        ClassDraft d = new ClassDraft(rnd.nextInt(4) == 0, rnd.nextInt(3), rnd.nextInt(3), List.of(e),
                List.of(e, LabelExpression.ANY), List.of(e));
        return switch (rnd.nextInt(6)) {
            case 0, 1 -> ns.createClass(name, d);
            case 2 -> ns.changeClass(name, ClassDraft.CHG_KEEP | ClassDraft.CHG_MODE | ClassDraft.CHG_ADMIN_ONLY, d);
            case 3 -> ns.deleteClass(name);
            case 4 -> ns.duplicateClass(name, other);
            default -> ns.renameClass(name, other);
        };
    }

    /** SETSCLASS of a node (or its subtree) to one of the user classes, or to goal 3 when that class is missing. */
    public static Object assign(Namespace ns, Random rnd, int node, int uid) {
        int id = ns.storageClasses().find(NAMES[rnd.nextInt(NAMES.length)]);
        int dst = id == 0 ? 3 : id;
        return ns.setSclass(node, uid, dst, dst, rnd.nextBoolean() ? 0 : 4, rnd.nextBoolean());
    }
}
