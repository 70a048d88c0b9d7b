package io.jmfs.metalogger.store;

import io.jmfs.metalogger.store.MetadataFileCheck.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The downloaded files in DATA_PATH. A complete metadata download becomes {@code metadata_ml.mfs.back} only when
 * {@link MetadataFileCheck} accepts it; the one it replaces moves to {@code metadata_ml.mfs.back.1} and older
 * copies shift up to {@code keepPrevious}. Changelog downloads become {@code changelog_ml_back.{0,1}.mfs}.
 */
public final class MetadataStore {
    private final Path dir;
    private final int keepPrevious;

    public MetadataStore(Path dir, int keepPrevious) {
        if (keepPrevious < 0) {
            throw new IllegalArgumentException("keepPrevious must not be negative: " + keepPrevious);
        }
        this.dir = dir;
        this.keepPrevious = keepPrevious;
    }

    public Path metadataFile() {
        return dir.resolve(DownloadKind.METADATA.finalName());
    }

    /** Whether a valid metadata file is held (a master can be restored from this folder). */
    public boolean hasValidMetadata() {
        try {
            return Files.isRegularFile(metadataFile())
                    && MetadataFileCheck.check(metadataFile()) instanceof Verdict.Valid;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts receiving {@code kind}, announced as {@code length} bytes, into its temporary file. */
    public FileDownload begin(DownloadKind kind, long length) throws IOException {
        return new FileDownload(kind, dir.resolve(kind.tempName()), length);
    }

    /** Puts a complete changelog download in place as {@code changelog_ml_back.N.mfs}. */
    public void installChangelog(FileDownload download) throws IOException {
        if (download.kind() == DownloadKind.METADATA) {
            throw new IllegalArgumentException("not a changelog download");
        }
        Path temp = download.finish();
        Files.move(temp, dir.resolve(download.kind().finalName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Puts a complete metadata download in place if {@link MetadataFileCheck} accepts it; otherwise deletes it and
     * keeps the metadata already held.
     */
    public Verdict installMetadata(FileDownload download) throws IOException {
        if (download.kind() != DownloadKind.METADATA) {
            throw new IllegalArgumentException("not a metadata download");
        }
        Path temp = download.finish();
        Verdict verdict = MetadataFileCheck.check(temp);
        if (!(verdict instanceof Verdict.Valid)) {
            Files.deleteIfExists(temp);
            return verdict;
        }
        if (keepPrevious > 0 && Files.exists(metadataFile())) {
            for (int i = keepPrevious - 1; i > 0; i--) {
                Path older = previous(i);
                if (Files.exists(older)) {
                    Files.move(older, previous(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(metadataFile(), previous(1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temp, metadataFile(), StandardCopyOption.REPLACE_EXISTING);
        return verdict;
    }

    /** {@code metadata_ml.mfs.back.N}. */
    public Path previous(int n) {
        return dir.resolve(DownloadKind.METADATA.finalName() + "." + n);
    }
}
