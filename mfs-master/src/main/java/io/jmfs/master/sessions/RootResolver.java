package io.jmfs.master.sessions;

/**
 * Resolves a mount path (as the client sent it, e.g. {@code "/"} or {@code "/home/a"}) to a directory inode,
 * answering {@code ENOENT}, {@code ENOTDIR} or {@code EINVAL} as MooseFS's namespace does. Implemented by the
 * namespace; a lambda in tests.
 */
@FunctionalInterface
public interface RootResolver {
    RootLookup resolve(String path);
}
