package io.jmfs.master.meta;

/**
 * Hears every changelog line as the metadata thread logs it (metalogger port: the metalogger port streams them live).
 * Called on the metadata thread, after the line is queued for the writer; an implementation must not block.
 */
public interface ChangelogListener {
    /** Nobody listens. */
    ChangelogListener NONE = new ChangelogListener() {
        @Override
        public void onChange(long version, String text) {
        }

        @Override
        public void onRotate() {
        }
    };

    /**
     * One change: its metadata version and its text, the changelog line without the {@code "<version>: "} prefix
     * ({@code <unixtime>|OP(args)}).
     */
    void onChange(long version, String text);

    /** {@code changelog.0.mfs} is about to be rotated to {@code changelog.1.mfs}. */
    void onRotate();
}
