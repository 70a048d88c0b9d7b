package io.jmfs.daemon.os;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU priority of single threads. Java's thread priorities are ignored on Linux, but Linux keeps a nice value per
 * thread: a background thread at nice 19 gets a small share of a busy CPU and all of an idle one, so work such as
 * a metadata dump stays out of the way of the threads that answer clients.
 */
public final class CpuPriority {
    /** The lowest priority Linux has. */
    public static final int LOWEST = 19;

    private static final Logger log = LoggerFactory.getLogger(CpuPriority.class);
    private static final int PRIO_PROCESS = 0; // with a thread id, Linux applies it to that thread only
    private static final Optional<Calls> CALLS = Calls.find();

    private CpuPriority() {
    }

    /**
     * Sets the calling thread's nice value; false (and nothing changed) where the platform has no per-thread nice
     * value or refuses it. Raising priority above the current one needs privileges; lowering never does.
     */
    public static boolean setCurrentThread(int niceness) {
        if (niceness < -20 || niceness > LOWEST) {
            throw new IllegalArgumentException("nice values go from -20 to 19, not " + niceness);
        }
        if (CALLS.isEmpty()) {
            return false;
        }
        try {
            int tid = (int) CALLS.get().gettid().invokeExact();
            int rc = (int) CALLS.get().setpriority().invokeExact(PRIO_PROCESS, tid, niceness);
            if (rc != 0) {
                log.debug("setpriority({}) refused for thread {}", niceness, tid);
            }
            return rc == 0;
        } catch (Throwable e) {
            log.debug("setpriority failed: {}", e.toString());
            return false;
        }
    }

    private record Calls(MethodHandle gettid, MethodHandle setpriority) {
        static Optional<Calls> find() {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return Optional.empty();
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Optional<MethodHandle> gettid = libc.find("gettid").map(a -> linker.downcallHandle(a,
                        FunctionDescriptor.of(ValueLayout.JAVA_INT)));
                Optional<MethodHandle> setpriority = libc.find("setpriority").map(a -> linker.downcallHandle(a,
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT)));
                return gettid.isPresent() && setpriority.isPresent()
                        ? Optional.of(new Calls(gettid.get(), setpriority.get())) : Optional.empty();
            } catch (RuntimeException | LinkageError e) {
                log.debug("no per-thread CPU priority here: {}", e.toString());
                return Optional.empty();
            }
        }
    }
}
