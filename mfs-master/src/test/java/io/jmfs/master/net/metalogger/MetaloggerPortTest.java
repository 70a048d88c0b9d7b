package io.jmfs.master.net.metalogger;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.daemon.net.ListenerSpec;
import io.jmfs.daemon.net.NetServer;
import io.jmfs.master.loop.NettyMetadataLoop;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.ChangelogEntry;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadData;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadInfo;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadRefused;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadEnd;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadRequest;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadStart;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.Register;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's port 9419 against metaloggers speaking through our codecs on loopback. */
class MetaloggerPortTest {
    private static final int VERSION = ProtocolVersion.V3_0_117.encode();

    @TempDir
    Path data;

    private NettyMetadataLoop loop;
    private MetaloggerHub hub;
    private NetServer server;
    private InetSocketAddress address;
    private long nextVersion = 100;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(data.resolve("changelog.1.mfs"), "98: 1700000000|ACCESS(1)\n");
        Files.writeString(data.resolve("changelog.0.mfs"), "99: 1700000001|ACCESS(1)\n");
        loop = new NettyMetadataLoop("test-meta");
        hub = new MetaloggerHub();
        onLoop(() -> hub.attach(data, nextVersion, 1800, () -> CompletableFuture.completedFuture(null)));
        server = NetServer.start("test", List.of(new ListenerSpec("ml", "127.0.0.1", 0, new MetaloggerPipeline(hub))),
                loop.group(), loop.transport());
        address = server.address("ml");
    }

    @AfterEach
    void stop() {
        server.close();
        loop.close();
        hub.close();
    }

    private void onLoop(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        done.get(10, TimeUnit.SECONDS);
    }

    /** Logs {@code count} changes, as the changelog would. */
    private void log(int count) throws Exception {
        onLoop(() -> {
            for (int i = 0; i < count; i++) {
                hub.onChange(nextVersion, "1700000100|ACCESS(" + nextVersion + ")");
                nextVersion++;
            }
        });
    }

    private List<ConnectedMetalogger> connected() throws Exception {
        CompletableFuture<List<ConnectedMetalogger>> list = new CompletableFuture<>();
        loop.execute(() -> list.complete(hub.connected()));
        return list.get(10, TimeUnit.SECONDS);
    }

    /** A metalogger whose registration the master has handled. */
    private FakeMetalogger registered(OptionalLong next) throws Exception {
        int before = connected().size();
        FakeMetalogger ml = new FakeMetalogger(address);
        ml.send(new Register(VERSION, 10, next));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connected().size() == before) {
            assertThat(System.nanoTime()).as("registration seen by the master").isLessThan(deadline);
            Thread.sleep(5);
        }
        return ml;
    }

    private static ChangelogEntry entry(MasterToMetalogger m) {
        assertThat(m).isInstanceOf(ChangelogEntry.class);
        return (ChangelogEntry) m;
    }

    private byte[] download(FakeMetalogger ml, int file) throws Exception {
        ml.send(new DownloadStart(file));
        MasterToMetalogger info = ml.receive();
        assertThat(info).isInstanceOf(DownloadInfo.class);
        long length = ((DownloadInfo) info).length();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (long offset = 0; offset < length; ) {
            int n = (int) Math.min(1_000_000, length - offset);
            ml.send(new DownloadRequest(offset, n));
            DownloadData d = (DownloadData) ml.receive();
            assertThat(d.offset()).isEqualTo(offset);
            assertThat(d.data().length()).isEqualTo(n);
            assertThat(d.crcMatches()).as("block CRC").isTrue();
            got.writeBytes(d.data().toByteArray());
            offset += n;
        }
        ml.send(new DownloadEnd());
        return got.toByteArray();
    }

    @Test
    void aNewMetaloggerDownloadsTheDumpAndBothChangelogsWithCheckedBlocks() throws Exception {
        byte[] dump = new byte[2_500_123];
        new Random(7).nextBytes(dump);
        Files.write(data.resolve("metadata.mfs"), dump);
        try (FakeMetalogger ml = registered(OptionalLong.empty())) {
            assertThat(download(ml, 1)).isEqualTo(dump);
            assertThat(new String(download(ml, 11), StandardCharsets.ISO_8859_1)).isEqualTo("99: 1700000001|ACCESS(1)\n");
            assertThat(new String(download(ml, 12), StandardCharsets.ISO_8859_1)).isEqualTo("98: 1700000000|ACCESS(1)\n");
        }
    }

    @Test
    void absentFilesAreRefusedOrEmpty() throws Exception {
        Files.delete(data.resolve("changelog.1.mfs"));
        Files.write(data.resolve("metadata.mfs"), new byte[] {1, 2, 3});
        try (FakeMetalogger ml = registered(OptionalLong.empty())) {
            assertThat(download(ml, 1)).containsExactly(1, 2, 3);
            assertThat(download(ml, 12)).as("changelog.1.mfs is absent: length 0").isEmpty();
            ml.send(new DownloadStart(2));
            assertThat(ml.receive()).isEqualTo(new DownloadRefused(0xFF));
        }
    }

    @Test
    void aRequestPastTheEndOfTheFileClosesThatConnection() throws Exception {
        Files.write(data.resolve("metadata.mfs"), new byte[10]);
        try (FakeMetalogger ml = registered(OptionalLong.empty())) {
            ml.send(new DownloadStart(1));
            assertThat(ml.receive()).isEqualTo(new DownloadInfo(10));
            ml.send(new DownloadRequest(5, 6));
            assertThat(ml.closedByMaster()).isTrue();
        }
    }

    @Test
    void liveLinesArriveInOrderAndNulTerminated() throws Exception {
        try (FakeMetalogger ml = registered(OptionalLong.empty())) {
            log(500);
            for (long v = 100; v < 600; v++) {
                ChangelogEntry e = entry(ml.receive()); // the decoder insists on FF and the trailing NUL
                assertThat(e.ackRequested()).isFalse();
                assertThat(e.version()).isEqualTo(v);
                assertThat(e.line().utf8()).isEqualTo("1700000100|ACCESS(" + v + ")");
            }
            onLoop(hub::onRotate);
            assertThat(ml.receive()).isInstanceOf(MasterToMetalogger.RotateLogs.class);
        }
    }

    @Test
    void aReturningMetaloggerGetsExactlyTheLinesItMissedThenTheLiveOnes() throws Exception {
        log(12_000); // more than one replay batch
        try (FakeMetalogger ml = registered(OptionalLong.of(105))) {
            log(3);
            for (long v = 105; v < 12_103; v++) {
                assertThat(entry(ml.receive()).version()).isEqualTo(v);
            }
            log(1);
            assertThat(entry(ml.receive()).version()).isEqualTo(12_103);
        }
    }

    @Test
    void aMetaloggerAskingForLinesTheHistoryNoLongerHoldsGetsTheLiveStream() throws Exception {
        log(10);
        try (FakeMetalogger ml = registered(OptionalLong.of(50))) {
            log(1);
            assertThat(entry(ml.receive()).version()).isEqualTo(110);
        }
    }

    @Test
    void theHistoryStartsWithTheNewestLinesOfTheChangelogFiles() throws Exception {
        try (FakeMetalogger ml = registered(OptionalLong.of(98))) {
            assertThat(entry(ml.receive()).line().utf8()).isEqualTo("1700000000|ACCESS(1)");
            assertThat(entry(ml.receive()).version()).isEqualTo(99);
            log(1);
            assertThat(entry(ml.receive()).version()).isEqualTo(100);
        }
    }

    @Test
    void aMetaloggerSendingGarbageIsDisconnectedAlone() throws Exception {
        try (FakeMetalogger good = registered(OptionalLong.empty());
             FakeMetalogger bad = new FakeMetalogger(address)) {
            ByteBuf garbage = Unpooled.buffer();
            garbage.writeInt(MessageType.ANTOMA_REGISTER.id()).writeInt(3).writeBytes(new byte[] {9, 9, 9});
            bad.sendRaw(garbage);
            assertThat(bad.closedByMaster()).isTrue();
            log(1);
            assertThat(entry(good.receive()).version()).isEqualTo(100);
            assertThat(connected()).containsExactly(new ConnectedMetalogger(VERSION, 0x7F000001));
        }
    }
}
