package io.jmfs.metalogger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.metalogger.store.MetadataFileCheck.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {
    @TempDir
    Path dir;

    static byte[] metadata(long version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("MFSM 2.0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(16).putLong(version).putLong(99).array());
        out.writeBytes(new byte[100]);
        out.writeBytes("[MFS EOF MARKER]".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private Verdict download(MetadataStore store, byte[] content) throws Exception {
        FileDownload d = store.begin(DownloadKind.METADATA, content.length);
        d.write(0, content);
        return store.installMetadata(d);
    }

    @Test
    void eachValidDownloadPushesTheHeldOneToTheNumberedCopies() throws Exception {
        MetadataStore store = new MetadataStore(dir, 2);
        for (long v = 1; v <= 4; v++) {
            assertThat(download(store, metadata(v))).isEqualTo(new Verdict.Valid(v, 99));
        }
        assertThat(dir.resolve("metadata_ml.mfs.back")).hasBinaryContent(metadata(4));
        assertThat(dir.resolve("metadata_ml.mfs.back.1")).hasBinaryContent(metadata(3));
        assertThat(dir.resolve("metadata_ml.mfs.back.2")).hasBinaryContent(metadata(2));
        assertThat(dir.resolve("metadata_ml.mfs.back.3")).doesNotExist();
        assertThat(store.hasValidMetadata()).isTrue();
    }

    @Test
    void aTruncatedANewFileSystemOrAForeignFileIsNotInstalled() throws Exception {
        MetadataStore store = new MetadataStore(dir, 3);
        download(store, metadata(1));
        byte[] full = metadata(2);
        assertThat(download(store, Arrays.copyOf(full, full.length - 1))).isInstanceOf(Verdict.Invalid.class);
        assertThat(download(store, "MFSM NEW".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new Verdict.NewFileSystem());
        assertThat(download(store, "MFSM 1.5 whatever".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(Verdict.Invalid.class);
        assertThat(dir.resolve("metadata_ml.mfs.back")).hasBinaryContent(metadata(1));
        assertThat(dir.resolve("metadata_ml.mfs.back.1")).doesNotExist();
        assertThat(dir.resolve("metadata_ml.tmp")).doesNotExist();
    }

    @Test
    void blocksMustArriveInOrderAndWithinTheAnnouncedLength() throws Exception {
        MetadataStore store = new MetadataStore(dir, 3);
        try (FileDownload d = store.begin(DownloadKind.CHANGELOG_0, 10)) {
            assertThatThrownBy(() -> d.write(5, new byte[5])).isInstanceOf(DownloadException.class);
            d.write(0, new byte[6]);
            assertThatThrownBy(() -> d.write(6, new byte[5])).isInstanceOf(DownloadException.class);
            assertThat(d.nextBlockSize(1000)).isEqualTo(4);
        }
        assertThat(dir.resolve("changelog_ml.tmp")).doesNotExist();
    }

    @Test
    void aChangelogDownloadBecomesItsBackFile() throws Exception {
        MetadataStore store = new MetadataStore(dir, 3);
        FileDownload d = store.begin(DownloadKind.CHANGELOG_1, 3);
        d.write(0, "1: ".getBytes(StandardCharsets.US_ASCII));
        store.installChangelog(d);
        assertThat(dir.resolve("changelog_ml_back.1.mfs")).hasContent("1: ");
        assertThat(dir.resolve("changelog_ml.tmp")).doesNotExist();
    }
}
