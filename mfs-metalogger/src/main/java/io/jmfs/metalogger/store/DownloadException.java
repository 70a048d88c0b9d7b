package io.jmfs.metalogger.store;

/** A download that cannot continue: the master sent data that does not fit the announced file. */
public final class DownloadException extends Exception {
    public DownloadException(String message) {
        super(message);
    }
}
