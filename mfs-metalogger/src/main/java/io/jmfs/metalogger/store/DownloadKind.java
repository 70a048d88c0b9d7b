package io.jmfs.metalogger.store;

/** The files a metalogger downloads, by the master's file number, and where each one lands. */
public enum DownloadKind {
    /** The master's {@code metadata.mfs.back}. */
    METADATA(1, "metadata_ml.tmp", "metadata_ml.mfs.back"),
    /** The master's {@code changelog.0.mfs}. */
    CHANGELOG_0(11, "changelog_ml.tmp", "changelog_ml_back.0.mfs"),
    /** The master's {@code changelog.1.mfs}. */
    CHANGELOG_1(12, "changelog_ml.tmp", "changelog_ml_back.1.mfs");

    private final int fileNumber;
    private final String tempName;
    private final String finalName;

    DownloadKind(int fileNumber, String tempName, String finalName) {
        this.fileNumber = fileNumber;
        this.tempName = tempName;
        this.finalName = finalName;
    }

    /** The number in ANTOMA_DOWNLOAD_START. */
    public int fileNumber() {
        return fileNumber;
    }

    public String tempName() {
        return tempName;
    }

    public String finalName() {
        return finalName;
    }
}
