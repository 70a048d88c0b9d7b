package io.jmfs.master.exports;

import java.util.List;

/**
 * An exports file with at least one bad line. Unlike MooseFS, which drops a bad line and goes on, we refuse the
 * whole file: a dropped line silently changes who may mount what. On reload the previous rules stay in force.
 */
public final class ExportsSyntaxException extends Exception {
    private final List<String> problems;

    public ExportsSyntaxException(List<String> problems) {
        super(problems.size() == 1 ? problems.getFirst()
                : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file:line: message}. */
    public List<String> problems() {
        return problems;
    }
}
