package io.jmfs.master.sclass;

import java.util.List;

/**
 * A class definition as {@code mfsscadmin create/modify} sends it, before it has an id; for a modification
 * {@code changeMask} (the SCLASS_CHG_* bits) says which fields count.
 */
public record ClassDraft(boolean adminOnly, int mode, int archDelay, List<LabelExpression> create,
                         List<LabelExpression> keep, List<LabelExpression> archive) {
    public static final int CHG_ADMIN_ONLY = 0x0001;
    public static final int CHG_MODE = 0x0002;
    public static final int CHG_CREATE = 0x0004;
    public static final int CHG_KEEP = 0x0008;
    public static final int CHG_ARCHIVE = 0x0010;
    public static final int CHG_ARCH_DELAY = 0x0020;
    /** Allows modifying the predefined classes 1..9. */
    public static final int CHG_FORCE = 0x8000;

    public ClassDraft {
        create = List.copyOf(create);
        keep = List.copyOf(keep);
        archive = List.copyOf(archive);
    }
}
