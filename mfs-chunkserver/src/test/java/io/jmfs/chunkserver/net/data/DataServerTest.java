package io.jmfs.chunkserver.net.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.chunkserver.TestChunkserver;
import io.jmfs.chunkserver.net.DataPortClient;
import io.jmfs.chunkserver.net.FakeMaster;
import io.jmfs.chunkserver.net.RunningChunkserver;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster;
import io.jmfs.protocol.msg.data.DataMessage;
import java.io.DataOutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data port (9422) of our chunkserver, spoken to by a blocking client on loopback. */
class DataServerTest {
    private static final int BLOCK = ChunkGeometry.BLOCK_SIZE;

    @TempDir
    Path dir;

    private RunningChunkserver cs1;
    private RunningChunkserver cs2;

    @AfterEach
    void stop() {
        if (cs1 != null) {
            cs1.close();
        }
        if (cs2 != null) {
            cs2.close();
        }
    }

    private RunningChunkserver start(String name) throws Exception {
        // no master listens on this port: the link keeps retrying, which the data port does not care about
        return new RunningChunkserver(dir, name, TestChunkserver.freePort());
    }

    private static void created(RunningChunkserver cs, long chunkId, int version) throws Exception {
        cs.storage().awaitScan(10, TimeUnit.SECONDS);
        assertThat(cs.storage().create(chunkId, version).get(10, TimeUnit.SECONDS)).isEqualTo(MfsStatus.OK);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static DataMessage.ChainLink link(InetSocketAddress a) {
        return new DataMessage.ChainLink(Ipv4.toInt(a.getAddress()), a.getPort());
    }

    /** Writes {@code data} from offset 0 in block-sized packets, expecting every status OK in order. */
    private static void writeAll(DataPortClient c, long chunkId, int version, byte[] data,
                                 List<DataMessage.ChainLink> chain) throws Exception {
        c.send(new DataMessage.Write(true, chunkId, version, chain));
        assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(chunkId, 0, MfsStatus.OK));
        int writes = 0;
        for (int pos = 0; pos < data.length; pos += BLOCK) {
            byte[] part = Arrays.copyOfRange(data, pos, Math.min(data.length, pos + BLOCK));
            c.send(DataMessage.WriteData.of(chunkId, ++writes, pos / BLOCK, 0, ByteString.wrap(part)));
        }
        for (int id = 1; id <= writes; id++) {
            assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(chunkId, id, MfsStatus.OK));
        }
        c.send(new DataMessage.WriteFinish(chunkId, version));
    }

    @Test
    void aWriteIsAcknowledgedPerWriteIdAndReadsBackByteForByte() throws Exception {
        cs1 = start("cs1");
        created(cs1, 1, 1);
        byte[] data = random(3 * BLOCK + 1234, 1);

        try (DataPortClient c = new DataPortClient(cs1.address())) {
            writeAll(c, 1, 1, data, List.of());
            DataPortClient.ReadOutcome read = c.read(1, 1, 0, data.length);

            assertThat(read.status()).isEqualTo(MfsStatus.OK);
            assertThat(read.data()).isEqualTo(data);
            assertThat(read.packets()).as("one READ_DATA per touched block").isEqualTo(4);
        }
    }

    @Test
    void aPartialReadInsideABlockCarriesTheCrcOfJustTheSentBytes() throws Exception {
        cs1 = start("cs1");
        created(cs1, 2, 1);
        byte[] data = random(2 * BLOCK, 2);
        try (DataPortClient c = new DataPortClient(cs1.address())) {
            writeAll(c, 2, 1, data, List.of());

            DataPortClient.ReadOutcome read = c.read(2, 1, BLOCK - 10, 30);

            assertThat(read.status()).isEqualTo(MfsStatus.OK);
            assertThat(read.packets()).isEqualTo(2);
            assertThat(read.data()).isEqualTo(Arrays.copyOfRange(data, BLOCK - 10, BLOCK + 20));
        }
    }

    @Test
    void aWriteChainedThroughASecondServerReachesBothCopies() throws Exception {
        cs1 = start("cs1");
        cs2 = start("cs2");
        created(cs1, 3, 5);
        created(cs2, 3, 5);
        byte[] data = random(20 * BLOCK + 7, 3);

        try (DataPortClient c = new DataPortClient(cs1.address())) {
            writeAll(c, 3, 5, data, List.of(link(cs2.address())));
        }
        try (DataPortClient c = new DataPortClient(cs2.address())) {
            assertThat(c.read(3, 5, 0, data.length).data()).isEqualTo(data);
        }
        try (DataPortClient c = new DataPortClient(cs1.address())) {
            assertThat(c.read(3, 5, 0, data.length).data()).isEqualTo(data);
        }
    }

    @Test
    void dataSentRightBehindTheWriteWithoutWaitingForTheChainIsHeldAndWrittenInOrder() throws Exception {
        // MooseFS clients send WRITE and their first WRITE_DATA packets back to back, before the status of write
        // id 0; refusing that data (NOTOPENED) made the client back off and retry every chunk
        cs1 = start("cs1");
        cs2 = start("cs2");
        created(cs1, 13, 2);
        created(cs2, 13, 2);
        byte[] data = random(8 * BLOCK, 13);

        try (DataPortClient c = new DataPortClient(cs1.address())) {
            c.send(new DataMessage.Write(true, 13, 2, List.of(link(cs2.address()))));
            for (int n = 0; n < 8; n++) {
                c.send(DataMessage.WriteData.of(13, n + 1, n, 0,
                        ByteString.wrap(Arrays.copyOfRange(data, n * BLOCK, (n + 1) * BLOCK))));
            }
            c.send(new DataMessage.WriteFinish(13, 2));
            for (int id = 0; id <= 8; id++) {
                assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(13, id, MfsStatus.OK));
            }
        }
        for (RunningChunkserver cs : List.of(cs1, cs2)) {
            try (DataPortClient c = new DataPortClient(cs.address())) {
                assertThat(c.read(13, 2, 0, data.length).data()).isEqualTo(data);
            }
        }
    }

    @Test
    void duringAWriteANopIsAnsweredAndPassedDownTheChainButOutsideAWriteItIsNot() throws Exception {
        // the real client drops a write session after 2 s without receiving anything; its NOPs keep it alive
        cs1 = start("cs1");
        created(cs1, 14, 1);
        try (java.net.ServerSocket next = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                DataPortClient c = new DataPortClient(cs1.address())) {
            c.sendRaw(MessageType.ANTOAN_NOP.id(), new byte[0]);
            c.send(new DataMessage.Write(true, 14, 1, List.of(link((InetSocketAddress) next.getLocalSocketAddress()))));
            next.setSoTimeout(10_000);
            try (Socket downstream = next.accept()) {
                downstream.setSoTimeout(10_000);
                java.io.DataInputStream in = new java.io.DataInputStream(downstream.getInputStream());
                assertThat(io.jmfs.chunkserver.net.Frame.read(in).type()).isEqualTo(MessageType.CLTOCS_WRITE.id());
                io.jmfs.chunkserver.net.Frame.of(new DataMessage.WriteStatus(14, 0, MfsStatus.OK))
                        .write(new DataOutputStream(downstream.getOutputStream()));
                assertThat(c.nextFrame().type()).as("the NOP before the write got no answer")
                        .isEqualTo(MessageType.CSTOCL_WRITE_STATUS.id());

                c.sendRaw(MessageType.ANTOAN_NOP.id(), new byte[0]);

                assertThat(c.nextFrame().type()).isEqualTo(MessageType.ANTOAN_NOP.id());
                assertThat(io.jmfs.chunkserver.net.Frame.read(in).type()).as("passed down the chain")
                        .isEqualTo(MessageType.ANTOAN_NOP.id());
            }
        }
    }

    @Test
    void aChainWhoseNextServerIsMissingFailsItsOpeningWithCantConnect() throws Exception {
        cs1 = start("cs1");
        created(cs1, 4, 1);
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", TestChunkserver.freePort());

        try (DataPortClient c = new DataPortClient(cs1.address())) {
            c.send(new DataMessage.Write(true, 4, 1, List.of(link(nobody))));

            assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(4, 0, MfsStatus.CANTCONNECT));
        }
    }

    @Test
    void whenTheNextServerGoesAwayMidWriteTheOutstandingWritesFailWithDisconnected() throws Exception {
        cs1 = start("cs1");
        created(cs1, 12, 1);
        try (java.net.ServerSocket next = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                DataPortClient c = new DataPortClient(cs1.address())) {
            c.send(new DataMessage.Write(true, 12, 1, List.of(link((InetSocketAddress) next.getLocalSocketAddress()))));
            next.setSoTimeout(10_000);
            try (Socket downstream = next.accept()) {
                // play a chunkserver that opens its part of the chain, then dies before acknowledging data
                downstream.setSoTimeout(10_000);
                java.io.DataInputStream in = new java.io.DataInputStream(downstream.getInputStream());
                io.jmfs.chunkserver.net.Frame open = io.jmfs.chunkserver.net.Frame.read(in);
                assertThat(open.type()).isEqualTo(MessageType.CLTOCS_WRITE.id());
                assertThat(open.payload()).as("01 chunkid version, and no further chain").hasSize(13);
                DataOutputStream out = new DataOutputStream(downstream.getOutputStream());
                io.jmfs.chunkserver.net.Frame.of(new DataMessage.WriteStatus(12, 0, MfsStatus.OK)).write(out);
                assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(12, 0, MfsStatus.OK));
                c.send(DataMessage.WriteData.of(12, 1, 0, 0, ByteString.wrap(random(1000, 12))));
                assertThat(io.jmfs.chunkserver.net.Frame.read(in).type()).as("the data was forwarded")
                        .isEqualTo(MessageType.CLTOCS_WRITE_DATA.id());
            }

            assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(12, 1, MfsStatus.DISCONNECTED));
        }
    }

    @Test
    void writesWithAWrongVersionOrToAnUnknownChunkAreRefusedAndWriteNothing() throws Exception {
        cs1 = start("cs1");
        created(cs1, 5, 3);

        try (DataPortClient c = new DataPortClient(cs1.address())) {
            c.send(new DataMessage.Write(true, 5, 4, List.of()));
            assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(5, 0, MfsStatus.WRONGVERSION));
            c.send(DataMessage.WriteData.of(5, 1, 0, 0, ByteString.wrap(random(100, 5))));
            assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(5, 1, MfsStatus.NOTOPENED));

            c.send(new DataMessage.Write(true, 77, 1, List.of()));
            assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(77, 0, MfsStatus.NOCHUNK));

            assertThat(cs1.storage().blocks(5, 3).get(10, TimeUnit.SECONDS).blocks()).as("nothing written").isZero();
            assertThat(cs1.storage().version(77)).as("no chunk made").isEmpty();
            DataPortClient.ReadOutcome read = c.read(5, 3, 0, 100);
            assertThat(read.status()).as("the connection goes on").isEqualTo(MfsStatus.OK);
            assertThat(read.data()).isEqualTo(new byte[100]);
        }
    }

    @Test
    void writeDataWithAWrongCrcIsRefusedWithACrcStatus() throws Exception {
        cs1 = start("cs1");
        created(cs1, 6, 1);
        try (DataPortClient c = new DataPortClient(cs1.address())) {
            c.send(new DataMessage.Write(true, 6, 1, List.of()));
            assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(6, 0, MfsStatus.OK));
            c.send(new DataMessage.WriteData(6, 1, 0, 0, 0x12345678, ByteString.wrap(random(100, 6))));

            assertThat(c.next()).isEqualTo(new DataMessage.WriteStatus(6, 1, MfsStatus.CRC));
            assertThat(cs1.storage().blocks(6, 1).get(10, TimeUnit.SECONDS).blocks()).isZero();
        }
    }

    @Test
    void readsOfUnknownChunksWrongVersionsOrPastTheChunkEndGetOnlyAnErrorStatus() throws Exception {
        cs1 = start("cs1");
        created(cs1, 7, 2);
        try (DataPortClient c = new DataPortClient(cs1.address())) {
            assertThat(c.read(99, 1, 0, 10)).satisfies(r -> {
                assertThat(r.status()).isEqualTo(MfsStatus.NOCHUNK);
                assertThat(r.packets()).isZero();
            });
            assertThat(c.read(7, 1, 0, 10).status()).isEqualTo(MfsStatus.WRONGVERSION);
            assertThat(c.read(7, 2, ChunkGeometry.CHUNK_SIZE - 10, 100).status()).isEqualTo(MfsStatus.WRONGSIZE);
            assertThat(c.read(7, 2, ChunkGeometry.CHUNK_SIZE, 1).status()).isEqualTo(MfsStatus.WRONGOFFSET);
            assertThat(c.read(7, 2, -1, 1).status()).isEqualTo(MfsStatus.WRONGOFFSET);

            DataPortClient.ReadOutcome beyondData = c.read(7, 2, 5 * BLOCK, 10);
            assertThat(beyondData.status()).as("inside 64 MiB but past the data: zeros").isEqualTo(MfsStatus.OK);
            assertThat(beyondData.data()).isEqualTo(new byte[10]);
        }
    }

    @Test
    void aMalformedPacketClosesOnlyItsOwnConnection() throws Exception {
        cs1 = start("cs1");
        created(cs1, 8, 1);

        try (DataPortClient c = new DataPortClient(cs1.address())) {
            c.sendRaw(MessageType.CLTOCS_READ.id(), new byte[7]);
            assertThat(c.closedByServer()).isTrue();
        }
        try (Socket s = new Socket(cs1.address().getAddress(), cs1.address().getPort())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(MessageType.CLTOCS_WRITE_DATA.id());
            out.writeInt(1_000_000); // above the data port's 100 000 byte limit
            out.flush();
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).as("closed without reading a megabyte").isEqualTo(-1);
        }
        try (DataPortClient c = new DataPortClient(cs1.address())) {
            c.sendRaw(MessageType.CSTOCL_READ_STATUS.id(), new byte[9]); // an answer type sent to a server
            assertThat(c.closedByServer()).isTrue();
        }
        try (DataPortClient c = new DataPortClient(cs1.address())) {
            assertThat(c.read(8, 1, 0, 10).status()).as("the server goes on").isEqualTo(MfsStatus.OK);
        }
    }

    @Test
    void blockCountsAreAnsweredForReplication() throws Exception {
        cs1 = start("cs1");
        created(cs1, 9, 1);
        try (DataPortClient c = new DataPortClient(cs1.address())) {
            writeAll(c, 9, 1, random(2 * BLOCK + 1, 9), List.of());
            c.send(new DataMessage.GetChunkBlocks(9, 1));
            assertThat(c.next()).isEqualTo(new DataMessage.ChunkBlocks(9, 1, 3, MfsStatus.OK));
            c.send(new DataMessage.GetChunkBlocks(9, 2));
            assertThat(c.next()).isEqualTo(new DataMessage.ChunkBlocks(9, 2, 0, MfsStatus.WRONGVERSION));
        }
    }

    @Test
    void theDiskListIsAnsweredAsMfscliReadsIt() throws Exception {
        cs1 = start("cs1");
        created(cs1, 11, 1);
        try (DataPortClient c = new DataPortClient(cs1.address())) {
            c.sendRaw(MessageType.CLTOCS_HDD_LIST.id(), new byte[0]);
            io.jmfs.chunkserver.net.Frame f = c.nextFrame();

            assertThat(f.type()).isEqualTo(MessageType.CSTOCL_HDD_LIST.id());
            java.nio.ByteBuffer b = f.buffer();
            int entrySize = Short.toUnsignedInt(b.getShort());
            assertThat(f.payload().length).as("one disk").isEqualTo(2 + entrySize);
            byte[] path = new byte[b.get() & 0xff];
            b.get(path);
            assertThat(new String(path, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(cs1.setup.disk() + "/");
            assertThat(entrySize).isEqualTo(1 + path.length + 33 + 3 * 64);
            assertThat(b.get()).as("flags: neither removal, damage nor scan").isZero();
            b.getLong();
            b.getInt();
            long used = b.getLong();
            long total = b.getLong();
            assertThat(total).isPositive().isGreaterThanOrEqualTo(used);
            assertThat(b.getInt()).as("chunks").isEqualTo(1);
        }
    }

    @Test
    void aCorruptedBlockIsNeverSentAndTheChunkIsReportedDamagedToTheMaster() throws Exception {
        try (FakeMaster master = new FakeMaster()) {
            cs1 = new RunningChunkserver(dir, "cs1", master.port());
            RunningChunkserver.register(master, 0x1234, 1);
            created(cs1, 10, 1);
            byte[] data = random(2 * BLOCK, 10);
            try (DataPortClient c = new DataPortClient(cs1.address())) {
                writeAll(c, 10, 1, data, List.of());
            }
            cs1.storage().close(10).get(10, TimeUnit.SECONDS);
            try (RandomAccessFile f = new RandomAccessFile(cs1.chunkFile(10).toFile(), "rw")) {
                long pos = 8192 + BLOCK + 500; // block 1 (after the 4 KiB header and the 4 KiB CRC table)
                f.seek(pos);
                int b = f.read();
                f.seek(pos);
                f.write(b ^ 0x40);
            }

            try (DataPortClient c = new DataPortClient(cs1.address())) {
                DataPortClient.ReadOutcome read = c.read(10, 1, BLOCK, 1000);
                assertThat(read.status()).isEqualTo(MfsStatus.CRC);
                assertThat(read.packets()).as("no data of the bad block left the server").isZero();
            }
            ChunkserverToMaster report = master.nextMatching(m -> m instanceof ChunkserverToMaster.ChunkIds);
            assertThat(report).isEqualTo(new ChunkserverToMaster.ChunkIds(MessageType.CSTOMA_CHUNK_DAMAGED.id(),
                    List.of(10L)));
        }
    }
}
