package io.jmfs.master.exports;

import java.util.List;

/**
 * A successfully parsed exports file: its rules and the warnings worth logging ({@code file:line: message}),
 * e.g. unknown options, which MooseFS also ignores with a warning.
 */
public record ParsedExports(ExportRules rules, List<String> warnings) {
    public ParsedExports {
        warnings = List.copyOf(warnings);
    }
}
