package io.jmfs.master.sessions;

/**
 * A session removed by {@link SessionRegistry#expire}: the files it still held open must be released by the
 * namespace, and {@link #change()} (SESDEL) goes to the changelog.
 */
public record ExpiredSession(int sessionId, int[] openFiles, SessionChange.Deleted change) {
    public ExpiredSession {
        openFiles = openFiles.clone();
    }

    @Override
    public int[] openFiles() {
        return openFiles.clone();
    }
}
