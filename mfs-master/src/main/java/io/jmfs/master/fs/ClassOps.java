package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.sclass.ClassDraft;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.master.sclass.StorageClassTable;
import io.jmfs.protocol.MfsStatus;
import java.util.List;

/**
 * The storage class administration of {@code mfsscadmin}: validates a request against the table (and, for a
 * deletion, the nodes), then commits one SCSET / SCDUP / SCREN / SCDEL change that the applier replays through the
 * same {@link StorageClassTable} mutators. Admin-only checks belong to the session layer (they depend on the export).
 */
final class ClassOps {
    private final FsCore core;
    private final FsState s;

    ClassOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    FsResult<StorageClass> create(String name, ClassDraft d) {
        if (!StorageClass.validName(name) || !countsValid(d.create()) || !countsValid(d.keep())
                || !countsValid(d.archive())) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        if (s.classes.find(name) != 0) {
            return FsResult.error(MfsStatus.CLASSEXISTS);
        }
        int id = s.classes.nextFreeId();
        if (id == 0) {
            return FsResult.error(MfsStatus.CLASSLIMITREACH);
        }
        StorageClass c = new StorageClass(id, name, d.adminOnly(), d.mode(), d.archDelay(), d.create(), d.keep(),
                d.archive());
        core.commit(new Change.ScSet(core.clock.now(), true, c));
        return FsResult.ok(c);
    }

    /**
     * Modifies the fields {@code changeMask} names (0 = just read the definition back, which any session may do);
     * the predefined classes only with {@link ClassDraft#CHG_FORCE}. Answers the resulting definition.
     */
    FsResult<StorageClass> change(String name, int changeMask, ClassDraft d) {
        if (!StorageClass.validName(name)) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        int id = s.classes.find(name);
        if (id == 0) {
            return FsResult.error(MfsStatus.NOSUCHCLASS);
        }
        StorageClass cur = s.classes.get(id);
        if (changeMask == 0) {
            return FsResult.ok(cur);
        }
        if (id < StorageClassTable.FIRST_USER_ID && (changeMask & ClassDraft.CHG_FORCE) == 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (((changeMask & ClassDraft.CHG_CREATE) != 0 && !countsValid(d.create()))
                || ((changeMask & ClassDraft.CHG_KEEP) != 0 && !countsValid(d.keep()))
                || ((changeMask & ClassDraft.CHG_ARCHIVE) != 0 && !countsValid(d.archive()))) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        StorageClass next = new StorageClass(id, cur.name(),
                (changeMask & ClassDraft.CHG_ADMIN_ONLY) != 0 ? d.adminOnly() : cur.adminOnly(),
                (changeMask & ClassDraft.CHG_MODE) != 0 ? d.mode() : cur.mode(),
                (changeMask & ClassDraft.CHG_ARCH_DELAY) != 0 ? d.archDelay() : cur.archDelay(),
                (changeMask & ClassDraft.CHG_CREATE) != 0 ? d.create() : cur.create(),
                (changeMask & ClassDraft.CHG_KEEP) != 0 ? d.keep() : cur.keep(),
                (changeMask & ClassDraft.CHG_ARCHIVE) != 0 ? d.archive() : cur.archive());
        core.commit(new Change.ScSet(core.clock.now(), false, next));
        return FsResult.ok(next);
    }

    MfsStatus delete(String name) {
        if (!StorageClass.validName(name)) {
            return MfsStatus.EINVAL;
        }
        int id = s.classes.find(name);
        if (id == 0) {
            return MfsStatus.NOSUCHCLASS;
        }
        if (id < StorageClassTable.FIRST_USER_ID) {
            return MfsStatus.EPERM;
        }
        if (inUse(id)) {
            return MfsStatus.CLASSINUSE;
        }
        core.commit(new Change.ScDel(core.clock.now(), bytes(name), id));
        return MfsStatus.OK;
    }

    MfsStatus duplicate(String src, String dst) {
        if (!StorageClass.validName(src) || !StorageClass.validName(dst)) {
            return MfsStatus.EINVAL;
        }
        int from = s.classes.find(src);
        if (from == 0) {
            return MfsStatus.NOSUCHCLASS;
        }
        if (s.classes.find(dst) != 0) {
            return MfsStatus.CLASSEXISTS;
        }
        int to = s.classes.nextFreeId();
        if (to == 0) {
            return MfsStatus.CLASSLIMITREACH;
        }
        core.commit(new Change.ScDup(core.clock.now(), bytes(src), bytes(dst), from, to));
        return MfsStatus.OK;
    }

    MfsStatus rename(String from, String to) {
        if (!StorageClass.validName(from) || !StorageClass.validName(to)) {
            return MfsStatus.EINVAL;
        }
        int id = s.classes.find(from);
        if (id == 0) {
            return MfsStatus.NOSUCHCLASS;
        }
        if (id < StorageClassTable.FIRST_USER_ID) {
            return MfsStatus.EPERM;
        }
        if (s.classes.find(to) != 0) {
            return MfsStatus.CLASSEXISTS;
        }
        core.commit(new Change.ScRen(core.clock.now(), bytes(from), bytes(to), id));
        return MfsStatus.OK;
    }

    /**
     * Nodes per class id: {@code [id][0]} files (trash and sustained included, as MooseFS counts them),
     * {@code [id][1]} directories.
     */
    int[][] usage() {
        int[][] out = new int[StorageClassTable.MAX_ID + 1][2];
        int max = s.inodes.maxInode();
        for (int i = 1; i <= max; i++) {
            if (s.nodes.exists(i)) {
                int type = s.type(i);
                if (type == NodeType.DIRECTORY) {
                    out[s.nodes.sclass(i)][1]++;
                } else if (NodeType.isFileLike(type)) {
                    out[s.nodes.sclass(i)][0]++;
                }
            }
        }
        return out;
    }

    /** Whether any node (files in the trash and sustained ones included, as MooseFS counts them) has the class. */
    boolean inUse(int id) {
        int max = s.inodes.maxInode();
        for (int i = 1; i <= max; i++) {
            if (s.nodes.exists(i) && s.nodes.sclass(i) == id) {
                return true;
            }
        }
        return false;
    }

    private static boolean countsValid(List<LabelExpression> l) {
        return l != null && !l.isEmpty() && l.size() <= StorageClass.MAX_COPIES;
    }

    private static byte[] bytes(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
