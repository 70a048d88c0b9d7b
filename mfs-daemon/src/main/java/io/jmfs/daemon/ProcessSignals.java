package io.jmfs.daemon;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends signals to another process, found by the pid in its lock file. */
final class ProcessSignals {

    private ProcessSignals() {
    }

    /** SIGTERM; false when there is no such process. */
    static boolean terminate(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
    }

    /** SIGKILL; false when there is no such process. */
    static boolean kill(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
    }

    /** SIGHUP, which the JDK cannot send itself, through kill(1); false when it could not be sent. */
    static boolean hangUp(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            return false;
        }
        return kill.exitValue() == 0;
    }
}
