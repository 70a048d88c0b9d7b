package io.jmfs.client.fuse;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The native memory behind the pointers libfuse hands to the upcalls, sized without
 * {@link MemorySegment#reinterpret(long)}. That method is caller-sensitive: with the mount's C1-only JIT every call
 * walks the stack to find its caller, which a profile of an unpack showed among the mount's costliest frames. A slice
 * of one segment spanning the whole address space (made once, with native access granted to the mount) is the same
 * view without the check.
 */
final class RawMemory {
    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private RawMemory() {
    }

    /** The {@code size} bytes at {@code pointer}. */
    static MemorySegment at(MemorySegment pointer, long size) {
        return EVERYTHING.asSlice(pointer.address(), size);
    }

    /** The NUL-terminated UTF-8 string at {@code pointer}. */
    static String string(MemorySegment pointer) {
        return EVERYTHING.getString(pointer.address(), StandardCharsets.UTF_8);
    }
}
