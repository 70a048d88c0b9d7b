package io.jmfs.master.chunks;

import io.jmfs.protocol.MfsStatus;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A client-visible chunkserver operation in flight on one chunk: which servers still owe an answer and who is
 * told once the last one arrives. Answers are correlated by (csid, chunk id): a chunk has at most one such
 * operation at a time, so a server has at most one outstanding answer for it.
 */
final class PendingOperation {
    enum Kind { CREATE, SET_VERSION, DUPLICATE, TRUNCATE, DUPLICATE_TRUNCATE }

    final Kind kind;
    final Set<Integer> awaiting = new HashSet<>();
    final Consumer<MfsStatus> onDone;
    /** Every failure so far was NOSPACE (or there was none): the status to report if nothing succeeded. */
    boolean onlyNoSpaceFailures = true;
    /** Some copy failed while others may succeed: the survivors' data may have diverged from it. */
    boolean interrupted;

    PendingOperation(Kind kind, Consumer<MfsStatus> onDone) {
        this.kind = kind;
        this.onDone = onDone;
    }

    /** Whether the operation leaves a brand-new chunk id (so a failed copy simply does not exist). */
    boolean createsCopies() {
        return kind == Kind.CREATE || kind == Kind.DUPLICATE || kind == Kind.DUPLICATE_TRUNCATE;
    }
}
