package io.jmfs.master.fs;

/** What ARCHCTL answers, as MooseFS counts it. */
public final class ArchiveResults {
    private ArchiveResults() {
    }

    /**
     * GET: chunks by flag, and files by how many of their chunks are archived (all, some, none; files without
     * chunks count in none of the three).
     */
    public record Counts(long archivedChunks, long notArchivedChunks, int archivedFiles, int partialFiles,
                         int notArchivedFiles) {
    }

    /** SET/CLR: chunks whose flag changed, chunks already so (or unknown), files the caller may not change. */
    public record Changed(long changedChunks, long notChangedChunks, int notPermittedFiles) {
    }
}
