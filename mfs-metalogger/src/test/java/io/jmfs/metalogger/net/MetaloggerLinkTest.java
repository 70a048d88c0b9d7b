package io.jmfs.metalogger.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.metalogger.store.ChangelogFiles;
import io.jmfs.metalogger.store.MetadataStore;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.ChangelogEntry;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadInfo;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.RotateLogs;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadStart;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.Register;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our metalogger against a fake master on loopback that speaks 9419 through our protocol codecs. */
class MetaloggerLinkTest {
    private static final int TIMEOUT_SECONDS = 3;
    private static final byte[] CHANGELOG_0 = "98: 1|ACCESS(1)\n99: 1|ACCESS(1)\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;

    private FakeMaster master;
    private ChangelogFiles changelogs;
    private MasterConnector metalogger;

    @AfterEach
    void stop() throws IOException {
        if (metalogger != null) {
            metalogger.close();
        }
        if (changelogs != null) {
            changelogs.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void aFirstStartRegistersWithoutAVersionDownloadsTheMetadataAndBothChangelogsThenAppendsAndRotates()
            throws IOException {
        byte[] metadata = metadataFile(100, 2_500_000);
        master = FakeMaster.listen(0);
        startMetalogger();

        try (FakeMaster.Connection link = master.accept()) {
            assertThat(link.receive()).isEqualTo(new Register(ProtocolVersion.V3_0_117.encode(), TIMEOUT_SECONDS,
                    OptionalLong.empty()));
            link.send(ChangelogEntry.of(100, "1795234428|CREATE(1,a,1,438,18,0,0,0):2")); // while downloading
            link.serveDownload(1, metadata);
            link.serveDownload(11, CHANGELOG_0);
            link.serveDownload(12, new byte[0]);
            link.send(ChangelogEntry.of(101, "1795234429|LENGTH(2,6,0)"));
            link.send(new RotateLogs());
            link.send(ChangelogEntry.of(102, "1795234429|UNLOCK(1)"));

            awaitFile(ChangelogFiles.logFile(data, 0), "102: 1795234429|UNLOCK(1)\n");
            assertThat(ChangelogFiles.logFile(data, 1)).hasContent(
                    "100: 1795234428|CREATE(1,a,1,438,18,0,0,0):2\n101: 1795234429|LENGTH(2,6,0)\n");
            assertThat(data.resolve("metadata_ml.mfs.back")).hasBinaryContent(metadata);
            assertThat(data.resolve("changelog_ml_back.0.mfs")).hasBinaryContent(CHANGELOG_0);
            assertThat(data.resolve("changelog_ml_back.1.mfs")).isEmptyFile();
            assertThat(data.resolve("metadata_ml.tmp")).doesNotExist();
            assertThat(data.resolve("changelog_ml.tmp")).doesNotExist();
        }
    }

    @Test
    void afterAMasterRestartItAsksForTheNextVersionAndTheLogContinuesWithoutGapOrDuplicate() throws IOException {
        byte[] metadata = metadataFile(100, 10_000);
        master = FakeMaster.listen(0);
        int port = master.port();
        startMetalogger();
        try (FakeMaster.Connection link = master.accept()) {
            link.receive();
            link.serveDownload(1, metadata);
            link.serveDownload(11, CHANGELOG_0);
            link.serveDownload(12, new byte[0]);
            for (long v = 100; v <= 102; v++) {
                link.send(entry(v));
            }
            awaitFile(ChangelogFiles.logFile(data, 0), lines(100, 102));
        }
        master.close(); // the master stops; a new one starts on the same port

        master = FakeMaster.listen(port);
        try (FakeMaster.Connection link = master.accept()) {
            assertThat(link.receive()).isEqualTo(new Register(ProtocolVersion.V3_0_117.encode(), TIMEOUT_SECONDS,
                    OptionalLong.of(103)));
            for (long v = 103; v <= 105; v++) {
                link.send(entry(v));
            }
            awaitFile(ChangelogFiles.logFile(data, 0), lines(100, 105));
            assertThat(link.receiveWithin(Duration.ofMillis(1500))).as("no new download: the metadata is held")
                    .isEmpty();
        }
    }

    @Test
    void aGapDropsTheChangelogsAndTheNextConnectionStartsOverWithAFreshDownload() throws IOException {
        outOfSequenceStartsOver(104);
    }

    @Test
    void aDuplicateIsNeverWrittenAndStartsOverLikeAGap() throws IOException {
        outOfSequenceStartsOver(102);
    }

    private void outOfSequenceStartsOver(long wrongVersion) throws IOException {
        master = FakeMaster.listen(0);
        startMetalogger();
        try (FakeMaster.Connection link = master.accept()) {
            link.receive();
            link.serveDownload(1, metadataFile(100, 1000));
            link.serveDownload(11, CHANGELOG_0);
            link.serveDownload(12, new byte[0]);
            link.send(entry(100));
            link.send(entry(101));
            link.send(entry(102));
            link.send(entry(wrongVersion));
            assertThat(link.closedByMetalogger()).as("the metalogger leaves").isTrue();
        }
        assertThat(ChangelogFiles.logFile(data, 0)).as("a broken log is not kept").doesNotExist();
        try (FakeMaster.Connection link = master.accept()) {
            assertThat(link.receive()).isEqualTo(new Register(ProtocolVersion.V3_0_117.encode(), TIMEOUT_SECONDS,
                    OptionalLong.empty()));
            assertThat(link.receive()).isEqualTo(new DownloadStart(1));
        }
    }

    @Test
    void aTruncatedOrNewFileSystemMetadataDownloadIsDroppedAndTheHeldMetadataKept() throws IOException {
        byte[] good = metadataFile(100, 5000);
        byte[] truncated = Arrays.copyOf(metadataFile(200, 5000), 4000);
        master = FakeMaster.listen(0);
        startMetalogger();
        try (FakeMaster.Connection link = master.accept()) {
            link.receive();
            link.serveDownload(1, good);
            link.serveDownload(11, CHANGELOG_0);
            link.serveDownload(12, new byte[0]);
            link.send(entry(100));
            awaitFile(ChangelogFiles.logFile(data, 0), lines(100, 100));
        }
        // restart ours without change logs, so that the next connection downloads again
        metalogger.close();
        changelogs.close();
        Files.delete(ChangelogFiles.logFile(data, 0)); // no changelog: the next connection downloads
        startMetalogger();
        try (FakeMaster.Connection link = master.accept()) {
            link.receive();
            link.serveDownload(1, truncated);
            link.serveDownload(11, CHANGELOG_0);
            link.serveDownload(12, new byte[0]);
            link.send(entry(300));
            awaitFile(ChangelogFiles.logFile(data, 0), lines(300, 300));
            assertThat(data.resolve("metadata_ml.mfs.back")).as("the truncated file is not installed")
                    .hasBinaryContent(good);
            assertThat(data.resolve("metadata_ml.tmp")).doesNotExist();
        }
        metalogger.close();
        changelogs.close();
        Files.delete(ChangelogFiles.logFile(data, 0));
        startMetalogger();
        try (FakeMaster.Connection link = master.accept()) {
            link.receive();
            link.serveDownload(1, "MFSM NEW".getBytes(StandardCharsets.US_ASCII));
            link.serveDownload(11, CHANGELOG_0);
            link.serveDownload(12, new byte[0]);
            link.send(ChangelogEntry.of(1, "1|SETMETAID(5)"));
            awaitFile(ChangelogFiles.logFile(data, 0), "1: 1|SETMETAID(5)\n");
            assertThat(data.resolve("metadata_ml.mfs.back")).hasBinaryContent(good);
            assertThat(data.resolve("metadata_ml.mfs.back.1")).doesNotExist();
        }
    }

    @Test
    void aBlockWithABadCrcIsAskedForAgain() throws IOException {
        byte[] metadata = metadataFile(100, 2_200_000);
        master = FakeMaster.listen(0);
        startMetalogger();
        try (FakeMaster.Connection link = master.accept()) {
            link.receive();
            link.serveDownload(1, metadata, request -> request == 1 ? 0x5A : 0);
            link.serveDownload(11, CHANGELOG_0);
            assertThat(data.resolve("metadata_ml.mfs.back")).hasBinaryContent(metadata);
        }
    }

    @Test
    void aConnectionLostMidDownloadLeavesNoPartialFileAndTheNextConnectionDownloadsAgain() throws IOException {
        master = FakeMaster.listen(0);
        startMetalogger();
        try (FakeMaster.Connection link = master.accept()) {
            link.receive();
            assertThat(link.receive()).isEqualTo(new DownloadStart(1));
            link.send(new DownloadInfo(5_000_000));
            link.receive(); // the first request, never answered
        }
        try (FakeMaster.Connection link = master.accept()) {
            assertThat(link.receive()).isInstanceOf(Register.class);
            assertThat(data.resolve("metadata_ml.tmp")).doesNotExist();
            assertThat(data.resolve("metadata_ml.mfs.back")).doesNotExist();
            link.serveDownload(1, metadataFile(7, 100));
            assertThat(data.resolve("metadata_ml.mfs.back")).exists();
        }
    }

    @Test
    void aRestartOfOurMetaloggerContinuesFromTheLastLineItWrote() throws IOException {
        master = FakeMaster.listen(0);
        startMetalogger();
        try (FakeMaster.Connection link = master.accept()) {
            link.receive();
            link.serveDownload(1, metadataFile(100, 1000));
            link.serveDownload(11, CHANGELOG_0);
            link.serveDownload(12, new byte[0]);
            link.send(entry(100));
            link.send(entry(101));
            awaitFile(ChangelogFiles.logFile(data, 0), lines(100, 101));
        }
        metalogger.close();
        changelogs.close();
        Files.writeString(ChangelogFiles.logFile(data, 0), "102: 1|ACC", java.nio.file.StandardOpenOption.APPEND);
        startMetalogger();
        try (FakeMaster.Connection link = master.accept()) {
            MetaloggerToMaster register = link.receive();
            assertThat(register).isEqualTo(new Register(ProtocolVersion.V3_0_117.encode(), TIMEOUT_SECONDS,
                    OptionalLong.of(102)));
            link.send(entry(102));
            awaitFile(ChangelogFiles.logFile(data, 0), lines(100, 102));
        }
    }

    private void startMetalogger() throws IOException {
        changelogs = ChangelogFiles.open(data, 5);
        MetaloggerSync sync = new MetaloggerSync(changelogs, new MetadataStore(data, 3), TIMEOUT_SECONDS,
                Duration.ofHours(1), System.nanoTime());
        metalogger = new MasterConnector(new MasterConnector.Target("127.0.0.1", master.port(), Optional.empty(),
                Duration.ofSeconds(TIMEOUT_SECONDS), Duration.ofMillis(100)), sync);
        metalogger.start();
    }

    private static ChangelogEntry entry(long version) {
        return ChangelogEntry.of(version, "1|ACCESS(" + version + ")");
    }

    private static String lines(long from, long to) {
        StringBuilder text = new StringBuilder();
        for (long v = from; v <= to; v++) {
            text.append(v).append(": 1|ACCESS(").append(v).append(")\n");
        }
        return text.toString();
    }

    static byte[] metadataFile(long version, int bodySize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("MFSM 2.0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(16).putLong(version).putLong(0x1234_5678L).array());
        byte[] body = new byte[bodySize];
        new Random(version).nextBytes(body);
        out.writeBytes(body);
        out.writeBytes("[MFS EOF MARKER]".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void awaitFile(Path file, String content) {
        await("file " + file + " holding\n" + content, () -> {
            try {
                return Files.exists(file) && Files.readString(file).equals(content);
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + FakeMaster.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
