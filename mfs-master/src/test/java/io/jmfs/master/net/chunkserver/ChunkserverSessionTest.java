package io.jmfs.master.net.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.chunks.Chunk;
import io.jmfs.master.chunks.ChunkCopy;
import io.jmfs.master.chunks.ChunkManager;
import io.jmfs.master.chunks.ChunkRegistry;
import io.jmfs.master.chunks.ChunkSettings;
import io.jmfs.master.chunks.CopyState;
import io.jmfs.master.chunks.FileChunkSlots;
import io.jmfs.master.chunks.WriteGrant;
import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.ChunkserverRegistry;
import io.jmfs.protocol.MfsStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Port 9420 as a chunkserver sees it: the bytes a fake chunkserver sends (as the real 3.0.117 one does) and the
 * bytes our master answers, through the real pipeline on an embedded channel.
 */
class ChunkserverSessionTest {
    private static final long META_ID = 0x6b01_1c90_2f8d_57fbL;
    private static final String LOOPBACK = "7f000001";
    private static final long GIB = 1L << 30;

    private int now = 1_000_000;
    private final Map<Long, Long> files = new HashMap<>();
    private final ChunkserverLinks links = new ChunkserverLinks();
    private final ChunkManager manager = new ChunkManager(new ChunkRegistry(change -> { }),
            new ChunkserverRegistry(change -> { }), links, new Slots(), () -> now, ChunkSettings.DEFAULTS);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void registrationIsAcknowledgedByteForByteAndEachChunkBatchGetsAOneByteAck() {
        EmbeddedChannel cs = connect();

        send(cs, registerBegin(LOOPBACK, 9422, 0, 0, 0));
        assertThat(received(cs)).isEqualTo("00000068" + "00000011" + "00" + "000300ea" + "000a" + "0001"
                + "6b011c902f8d57fb");

        send(cs, "0000006d" + "00000004" + "00000005"); // LABELS A and C
        assertThat(received(cs)).isEmpty();

        send(cs, "00000064" + "00000019" + "3d" + "0000000000000011" + "00000001" + "0000000000000012" + "80000003");
        assertThat(received(cs)).isEqualTo("00000068" + "00000001" + "00");
        send(cs, "00000064" + "0000000d" + "3d" + "0000000000000013" + "00000002");
        assertThat(received(cs)).isEqualTo("00000068" + "00000001" + "00");
        send(cs, "00000064" + "00000001" + "3e");
        assertThat(received(cs)).isEmpty();

        assertThat(cs.isActive()).isTrue();
        ChunkserverInfo info = manager.servers().connected(1);
        assertThat(info.address()).isEqualTo("127.0.0.1:9422");
        assertThat(info.labelMask()).isEqualTo(5);
        assertThat(copies(0x11)).containsExactly("1:VALID@1");
        assertThat(copies(0x12)).as("the high bit marks a disk to be removed").containsExactly("1:TD_VALID@3");
        assertThat(copies(0x13)).containsExactly("1:VALID@2");
    }

    @Test
    void aServerThatAsksForNoTimeoutGetsTheDefaultAndTooShortTimeoutsAreRefused() {
        EmbeddedChannel ok = connect();
        send(ok, registerBegin(LOOPBACK, 9422, 0, 0, 0));
        assertThat(received(ok)).startsWith("00000068" + "00000011" + "00" + "000300ea" + "000a");

        EmbeddedChannel tooShort = connect();
        send(tooShort, registerBegin(LOOPBACK, 9423, 5, 0, 0));
        assertThat(received(tooShort)).isEmpty();
        assertThat(tooShort.isActive()).isFalse();
    }

    @Test
    void aKnownServerKeepsItsCsidAndASecondSessionForItIsRefused() {
        EmbeddedChannel first = register(9422, 50);
        ChunkserverInfo info = manager.servers().connected(1);

        EmbeddedChannel twin = connect();
        send(twin, registerBegin(LOOPBACK, 9422, 0, 1, 50));
        assertThat(twin.isActive()).as("same address and port as a connected server").isFalse();
        assertThat(first.isActive()).isTrue();

        first.close();
        EmbeddedChannel back = connect();
        send(back, registerBegin(LOOPBACK, 9422, 0, 1, 50));
        assertThat(received(back)).endsWith("0001" + "6b011c902f8d57fb");
        assertThat(manager.servers().connected(1)).isSameAs(info);
    }

    @Test
    void chunkCommandsGoToTheirServerAndTheAnswersCompleteTheWrite() {
        EmbeddedChannel cs1 = register(9422, 100);
        EmbeddedChannel cs2 = register(9423, 100);
        List<WriteGrant> grants = new ArrayList<>();

        manager.prepareWrite(7, 0, 2, 0, 0x7f00_0001, grants::add);

        // MATOCS_CREATE chunk 1 version 1 to both servers
        String create = "0000006e" + "0000000c" + "0000000000000001" + "00000001";
        assertThat(received(cs1)).isEqualTo(create);
        assertThat(received(cs2)).isEqualTo(create);
        send(cs1, "0000006f" + "00000009" + "0000000000000001" + "00");
        assertThat(grants).as("one server still owes its answer").isEmpty();
        send(cs2, "0000006f" + "00000009" + "0000000000000001" + "00");

        assertThat(grants).singleElement().satisfies(g -> {
            assertThat(g.status()).isEqualTo(MfsStatus.OK);
            assertThat(g.chunkId()).isEqualTo(1);
            assertThat(g.locations()).extracting(l -> l.port()).containsExactlyInAnyOrder(9422, 9423);
        });
        assertThat(copies(1)).containsExactlyInAnyOrder("1:VALID@1", "2:VALID@1");
    }

    @Test
    void aServerStillListingItsChunksGetsNoNewCopies() {
        EmbeddedChannel listing = connect();
        send(listing, registerBegin(LOOPBACK, 9422, 0, 0, 100));
        received(listing);
        List<WriteGrant> grants = new ArrayList<>();

        manager.prepareWrite(7, 0, 1, 0, 0x7f00_0001, grants::add);
        assertThat(received(listing)).as("no CREATE before the chunk list is complete").isEmpty();
        assertThat(grants).singleElement().satisfies(g -> assertThat(g.isOk()).isFalse());

        send(listing, "00000064" + "00000001" + "3e");
        manager.prepareWrite(7, 0, 1, 0, 0x7f00_0001, grants::add);
        assertThat(received(listing)).startsWith("0000006e");
    }

    @Test
    void aFailedCreateOnOneServerLeavesTheOtherCopy() {
        EmbeddedChannel cs1 = register(9422, 100);
        EmbeddedChannel cs2 = register(9423, 100);
        List<WriteGrant> grants = new ArrayList<>();
        manager.prepareWrite(7, 0, 2, 0, 0x7f00_0001, grants::add);
        received(cs1);
        received(cs2);

        send(cs1, "0000006f" + "00000009" + "0000000000000001" + "00");
        send(cs2, "0000006f" + "00000009" + "0000000000000001" + "15"); // NOSPACE

        assertThat(grants).singleElement().satisfies(g -> assertThat(g.locations()).singleElement()
                .satisfies(l -> assertThat(l.port()).isEqualTo(9422)));
        assertThat(copies(1)).containsExactly("1:VALID@1");
    }

    @Test
    void aDisconnectionRemovesTheServersCopiesAndSettlesWhatWaitedForIt() {
        EmbeddedChannel cs1 = register(9422, 100);
        EmbeddedChannel cs2 = register(9423, 100);
        List<WriteGrant> grants = new ArrayList<>();
        manager.prepareWrite(7, 0, 2, 0, 0x7f00_0001, grants::add);
        received(cs1);
        received(cs2);
        send(cs1, "0000006f" + "00000009" + "0000000000000001" + "00");

        cs2.close();

        assertThat(links.isLinked(2)).isFalse();
        assertThat(manager.servers().connected(2)).isNull();
        assertThat(grants).singleElement().satisfies(g -> assertThat(g.status()).isEqualTo(MfsStatus.OK));
        assertThat(copies(1)).containsExactly("1:VALID@1");

        cs1.close();
        assertThat(copies(1)).isEmpty();
    }

    @Test
    void aMalformedPacketClosesOnlyThatConnectionAndItsCopiesLeave() {
        EmbeddedChannel good = register(9422, 100);
        EmbeddedChannel bad = register(9423, 100);
        send(bad, "0000006b" + "0000000c" + "0000000000000021" + "00000001"); // CHUNK_NEW
        assertThat(copies(0x21)).containsExactly("2:VALID@1");

        send(bad, "00000065" + "00000004" + "00000000"); // SPACE must be 40 bytes

        assertThat(bad.isActive()).isFalse();
        assertThat(copies(0x21)).isEmpty();
        assertThat(good.isActive()).isTrue();
        assertThat(manager.servers().connected(1)).isNotNull();
        send(good, "00000000" + "00000000"); // NOP: still served
        assertThat(good.isActive()).isTrue();
    }

    @Test
    void aChunkListAfterTheEndOfRegistrationClosesTheConnection() {
        EmbeddedChannel cs = register(9422, 100);
        send(cs, "00000064" + "0000000d" + "3d" + "0000000000000041" + "00000001");
        assertThat(cs.isActive()).isFalse();
        assertThat(manager.servers().connected(1)).isNull();
    }

    @Test
    void reportsBeforeRegistrationCloseTheConnection() {
        EmbeddedChannel cs = connect();
        send(cs, "00000065" + "00000028" + "00".repeat(40));
        assertThat(cs.isActive()).isFalse();
        assertThat(manager.servers().all()).isEmpty();
    }

    @Test
    void getVersionIsAnsweredWithoutRegistration() {
        EmbeddedChannel cs = connect();
        send(cs, "0000000a" + "00000000");
        assertThat(received(cs)).startsWith("0000000b").contains("000300ea");
        assertThat(cs.isActive()).isTrue();
    }

    @Test
    void spaceLoadAndLostChunksReachTheChunkLayer() {
        EmbeddedChannel cs = register(9422, 0);
        send(cs, "0000006b" + "0000000c" + "0000000000000031" + "00000001"); // CHUNK_NEW
        assertThat(manager.servers().connected(1).hasSaneSpace()).isFalse();

        send(cs, "00000065" + "00000028" + hex(GIB, 8) + hex(100 * GIB, 8) + "00000001" + "00".repeat(20));
        send(cs, "00000067" + "00000005" + "0000000c" + "01");
        send(cs, "00000069" + "00000008" + "0000000000000031"); // CHUNK_LOST

        ChunkserverInfo info = manager.servers().connected(1);
        assertThat(info.space().total()).isEqualTo(100 * GIB);
        assertThat(info.load()).isEqualTo(12);
        assertThat(copies(0x31)).isEmpty();
    }

    // ---- the fake chunkserver ----------------------------------------------------------------------------------

    private EmbeddedChannel connect() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChunkserverPipeline.configure(channel.pipeline(), manager, links, META_ID);
        channels.add(channel);
        return channel;
    }

    /** A registered server on 127.0.0.1:{@code port} with {@code totalGib} of space, its ACK consumed. */
    private EmbeddedChannel register(int port, long totalGib) {
        EmbeddedChannel cs = connect();
        send(cs, registerBegin(LOOPBACK, port, 0, 0, totalGib));
        send(cs, "00000064" + "00000001" + "3e");
        assertThat(received(cs)).startsWith("00000068" + "00000011");
        assertThat(cs.isActive()).isTrue();
        return cs;
    }

    /** CSTOMA_REGISTER rver 60, 55 bytes, as mfschunkserver 3.0.117 sends it. */
    private static String registerBegin(String ipHex, int port, int timeout, int csid, long totalGib) {
        return "00000064" + "00000037" + "3c" + "000300ea" + ipHex + hex(port, 2) + hex(timeout, 2) + hex(csid, 2)
                + hex(0, 8) + hex(totalGib * GIB, 8) + "00000000" + hex(0, 8) + hex(0, 8) + "00000000";
    }

    private static String hex(long value, int bytes) {
        String full = String.format("%016x", value);
        return full.substring(16 - 2 * bytes);
    }

    private static void send(EmbeddedChannel channel, String hex) {
        channel.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
        channel.runPendingTasks();
    }

    /** Everything the master wrote to this connection since the last call, as hex. */
    private static String received(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) o;
            out.append(ByteBufUtil.hexDump(buf));
            buf.release();
        }
        return out.toString();
    }

    private List<String> copies(long chunkId) {
        Chunk chunk = manager.chunks().get(chunkId);
        if (chunk == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (ChunkCopy copy : chunk.copies()) {
            if (copy.state() != CopyState.DEL) {
                out.add(copy.csid() + ":" + copy.state() + "@" + copy.version());
            }
        }
        return out;
    }

    private final class Slots implements FileChunkSlots {
        @Override
        public long chunkAt(int inode, int index) {
            return files.getOrDefault((long) inode << 32 | index, 0L);
        }

        @Override
        public void setChunk(int ts, int inode, int index, long chunkId) {
            files.put((long) inode << 32 | index, chunkId);
        }

        @Override
        public void prepareForWrite(int ts, int inode, int index, boolean modTime) {
        }

        @Override
        public void touch(int ts, int inode) {
        }
    }
}
