package io.jmfs.tests.interop;

import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Checks {@link Prerequisites} before an interop test class runs: anything missing skips the class (a JUnit
 * assumption, reported as skipped with the reason), or fails it when {@code MFS_INTEROP=required}, so that CI cannot
 * go green by skipping.
 */
public final class InteropPrerequisites implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        check(Prerequisites.missing(), Prerequisites.required());
    }

    /** Returns if nothing is missing; else aborts (skips) or, when {@code required}, fails. */
    public static void check(List<String> missing, boolean required) {
        if (missing.isEmpty()) {
            return;
        }
        String reason = "interop test needs " + String.join("; ", missing);
        if (required) {
            throw new AssertionFailedError(reason + " (" + Prerequisites.REQUIRED_VARIABLE + "=required)");
        }
        throw new TestAbortedException(reason + " (skipped; set " + Prerequisites.REQUIRED_VARIABLE
                + "=required to fail instead)");
    }
}
