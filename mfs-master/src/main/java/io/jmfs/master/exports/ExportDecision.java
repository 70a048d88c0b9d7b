package io.jmfs.master.exports;

import io.jmfs.protocol.MfsStatus;

/** The outcome of {@link ExportRules#check}: a grant, or the status the registration reply carries. */
public sealed interface ExportDecision {

    record Granted(ExportGrant grant) implements ExportDecision {
    }

    /**
     * No rule let the client in. {@code status} is {@link MfsStatus#EACCES} (no rule covers it),
     * {@link MfsStatus#NOPASSWORD} (a rule would, but the client answered no challenge) or
     * {@link MfsStatus#BADPASSWORD} (a rule would, but the answer was wrong).
     */
    record Refused(MfsStatus status) implements ExportDecision {
    }
}
