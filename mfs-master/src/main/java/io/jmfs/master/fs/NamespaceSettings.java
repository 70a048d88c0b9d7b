package io.jmfs.master.fs;

/**
 * Namespace tunables, with MooseFS's names and defaults: INODE_REUSE_DELAY (86400 s, clamped to 300..3000000)
 * and MAX_ALLOWED_HARD_LINKS (32767, clamped to 8..65000).
 */
public record NamespaceSettings(int inodeReuseDelay, int maxHardLinks) {
    public static final NamespaceSettings DEFAULTS = new NamespaceSettings(86400, 32767);

    public NamespaceSettings {
        inodeReuseDelay = Math.clamp(inodeReuseDelay, 300, 3_000_000);
        maxHardLinks = Math.clamp(maxHardLinks, 8, 65000);
    }
}
