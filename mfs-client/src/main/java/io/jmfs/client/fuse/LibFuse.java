package io.jmfs.client.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The part of libfuse3's low-level API (fuse_lowlevel.h, 3.x on x86-64/aarch64 Linux) that the mount uses, bound
 * through the FFM API: session set-up, the reply functions and the layouts of the structures they take. Struct
 * offsets are those of the LP64 Linux ABI; {@link StatLayout} and {@link FileInfoLayout} hold the details.
 */
final class LibFuse {
    /** Library file names tried in turn (Debian ships only the versioned one without the -dev package). */
    private static final String[] NAMES = {"libfuse3.so.3", "libfuse3.so"};

    private final MethodHandle sessionNew;
    private final MethodHandle sessionMount;
    private final MethodHandle sessionUnmount;
    private final MethodHandle sessionLoopMt;
    private final MethodHandle loopCfgCreate;
    private final MethodHandle loopCfgSetMaxThreads;
    private final MethodHandle loopCfgDestroy;
    private final MethodHandle sessionExit;
    private final MethodHandle sessionDestroy;
    private final MethodHandle replyErr;
    private final MethodHandle replyNone;
    private final MethodHandle replyEntry;
    private final MethodHandle replyCreate;
    private final MethodHandle replyAttr;
    private final MethodHandle replyReadlink;
    private final MethodHandle replyOpen;
    private final MethodHandle replyWrite;
    private final MethodHandle replyBuf;
    private final MethodHandle replyStatfs;
    private final MethodHandle replyXattr;
    private final MethodHandle addDirentry;
    private final MethodHandle reqCtx;

    private LibFuse(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        sessionNew = bind(linker, lib, "fuse_session_new", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        sessionMount = bind(linker, lib, "fuse_session_mount", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        sessionUnmount = bind(linker, lib, "fuse_session_unmount", FunctionDescriptor.ofVoid(ADDRESS));
        // the 3.12 ABI of fuse_session_loop_mt, taking a struct fuse_loop_config built by the fuse_loop_cfg_* calls
        sessionLoopMt = bind(linker, lib, "fuse_session_loop_mt_312", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        loopCfgCreate = bind(linker, lib, "fuse_loop_cfg_create", FunctionDescriptor.of(ADDRESS));
        loopCfgSetMaxThreads = bind(linker, lib, "fuse_loop_cfg_set_max_threads",
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        loopCfgDestroy = bind(linker, lib, "fuse_loop_cfg_destroy", FunctionDescriptor.ofVoid(ADDRESS));
        sessionExit = bind(linker, lib, "fuse_session_exit", FunctionDescriptor.ofVoid(ADDRESS));
        sessionDestroy = bind(linker, lib, "fuse_session_destroy", FunctionDescriptor.ofVoid(ADDRESS));
        replyErr = bind(linker, lib, "fuse_reply_err", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        replyNone = bind(linker, lib, "fuse_reply_none", FunctionDescriptor.ofVoid(ADDRESS));
        replyEntry = bind(linker, lib, "fuse_reply_entry", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        replyCreate = bind(linker, lib, "fuse_reply_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        replyAttr = bind(linker, lib, "fuse_reply_attr", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_DOUBLE));
        replyReadlink = bind(linker, lib, "fuse_reply_readlink", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        replyOpen = bind(linker, lib, "fuse_reply_open", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        replyWrite = bind(linker, lib, "fuse_reply_write", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        replyBuf = bind(linker, lib, "fuse_reply_buf", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        replyStatfs = bind(linker, lib, "fuse_reply_statfs", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        replyXattr = bind(linker, lib, "fuse_reply_xattr", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        addDirentry = bind(linker, lib, "fuse_add_direntry",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
        reqCtx = bind(linker, lib, "fuse_req_ctx", FunctionDescriptor.of(ADDRESS.withTargetLayout(
                java.lang.foreign.MemoryLayout.sequenceLayout(4, JAVA_INT)), ADDRESS));
    }

    /** Loads libfuse3 for the life of the process; fails with a readable message when it is not installed. */
    static LibFuse load() {
        UnsatisfiedLinkError last = null;
        for (String name : NAMES) {
            try {
                return new LibFuse(SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException e) {
                last = new UnsatisfiedLinkError(name + ": " + e.getMessage());
            }
        }
        throw new UnsatisfiedLinkError("libfuse3 is not installed (apt-get install fuse3): " + last.getMessage());
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libfuse3 lacks " + name));
        return linker.downcallHandle(symbol, fd);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    MemorySegment sessionNew(MemorySegment args, MemorySegment ops, long opsSize) {
        try {
            return (MemorySegment) sessionNew.invokeExact(args, ops, opsSize, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int sessionMount(MemorySegment se, MemorySegment mountpoint) {
        try {
            return (int) sessionMount.invokeExact(se, mountpoint);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void sessionUnmount(MemorySegment se) {
        try {
            sessionUnmount.invokeExact(se);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * libfuse's multi-threaded loop: a pool of up to {@code maxThreads} threads, each reading a request and running
     * its upcall; a new thread starts when none is idle, idle threads stay (libfuse's default).
     */
    int sessionLoopMultithreaded(MemorySegment se, int maxThreads) {
        try {
            MemorySegment config = (MemorySegment) loopCfgCreate.invokeExact();
            if (config.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("fuse_loop_cfg_create");
            }
            try {
                loopCfgSetMaxThreads.invokeExact(config, maxThreads);
                return (int) sessionLoopMt.invokeExact(se, config);
            } finally {
                loopCfgDestroy.invokeExact(config);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void sessionExit(MemorySegment se) {
        try {
            sessionExit.invokeExact(se);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void sessionDestroy(MemorySegment se) {
        try {
            sessionDestroy.invokeExact(se);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyErr(MemorySegment req, int errno) {
        try {
            int ignored = (int) replyErr.invokeExact(req, errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyNone(MemorySegment req) {
        try {
            replyNone.invokeExact(req);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyEntry(MemorySegment req, MemorySegment entryParam) {
        try {
            int ignored = (int) replyEntry.invokeExact(req, entryParam);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyCreate(MemorySegment req, MemorySegment entryParam, MemorySegment fileInfo) {
        try {
            int ignored = (int) replyCreate.invokeExact(req, entryParam, fileInfo);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyAttr(MemorySegment req, MemorySegment stat, double timeout) {
        try {
            int ignored = (int) replyAttr.invokeExact(req, stat, timeout);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyReadlink(MemorySegment req, MemorySegment target) {
        try {
            int ignored = (int) replyReadlink.invokeExact(req, target);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyOpen(MemorySegment req, MemorySegment fileInfo) {
        try {
            int ignored = (int) replyOpen.invokeExact(req, fileInfo);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyWrite(MemorySegment req, long count) {
        try {
            int ignored = (int) replyWrite.invokeExact(req, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyBuf(MemorySegment req, MemorySegment buf, long size) {
        try {
            int ignored = (int) replyBuf.invokeExact(req, buf, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyStatfs(MemorySegment req, MemorySegment statvfs) {
        try {
            int ignored = (int) replyStatfs.invokeExact(req, statvfs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void replyXattr(MemorySegment req, long size) {
        try {
            int ignored = (int) replyXattr.invokeExact(req, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** fuse_add_direntry: the entry's size; it was written only when that fits in {@code bufSize}. */
    long addDirentry(MemorySegment req, MemorySegment buf, long bufSize, MemorySegment name, MemorySegment stat,
                     long nextOffset) {
        try {
            return (long) addDirentry.invokeExact(req, buf, bufSize, name, stat, nextOffset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The calling process of a request: uid, gid, pid, umask (struct fuse_ctx). */
    int[] requestContext(MemorySegment req) {
        try {
            MemorySegment ctx = (MemorySegment) reqCtx.invokeExact(req);
            // plain reads: toArray's general bulk copy took about 4 % of the mount's user CPU in an unpack
            return new int[] {ctx.get(JAVA_INT, 0), ctx.get(JAVA_INT, 4), ctx.get(JAVA_INT, 8),
                    ctx.get(JAVA_INT, 12)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
