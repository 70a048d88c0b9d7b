package io.jmfs.chunkserver.net.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.chunkserver.net.DataPortClient;
import io.jmfs.chunkserver.net.FakeMaster;
import io.jmfs.chunkserver.net.RunningChunkserver;
import io.jmfs.chunkserver.net.data.Ipv4;
import io.jmfs.protocol.Crc32;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.chunkserver.ChunkVersion;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster.ChunkStatus;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our chunkserver's link to a master on loopback (the real chunkserver refuses one there; we do not). */
class MasterLinkTest {
    private static final long META_ID = 0x6b011c902f8d57fbL;

    @TempDir
    Path dir;

    @Test
    void itRegistersThenExecutesCommandsAndReportsTheirResults() throws Exception {
        try (FakeMaster master = new FakeMaster();
                RunningChunkserver cs = new RunningChunkserver(dir, "cs", master.port())) {
            assertThat(RunningChunkserver.register(master, META_ID, 3)).isEmpty();
            cs.storage().awaitScan(10, TimeUnit.SECONDS);

            master.send(new MasterToChunkserver.Create(0x22, 1));
            assertThat(master.next()).isEqualTo(status(MessageType.CSTOMA_CREATE, 0x22, MfsStatus.OK));
            master.send(new MasterToChunkserver.Create(0x22, 1));
            assertThat(master.next()).isEqualTo(status(MessageType.CSTOMA_CREATE, 0x22, MfsStatus.CHUNKEXIST));
            master.send(new MasterToChunkserver.SetVersion(0x22, 2, 1));
            assertThat(master.next()).isEqualTo(status(MessageType.CSTOMA_SET_VERSION, 0x22, MfsStatus.OK));
            master.send(new MasterToChunkserver.SetVersion(0x22, 5, 4));
            assertThat(master.next()).isEqualTo(status(MessageType.CSTOMA_SET_VERSION, 0x22, MfsStatus.WRONGVERSION));
            master.send(new MasterToChunkserver.Duplicate(0x23, 1, 0x22, 2));
            assertThat(master.next()).isEqualTo(status(MessageType.CSTOMA_DUPLICATE, 0x23, MfsStatus.OK));
            master.send(new MasterToChunkserver.Truncate(0x22, 1000, 3, 2));
            assertThat(master.next()).isEqualTo(status(MessageType.CSTOMA_TRUNCATE, 0x22, MfsStatus.OK));
            master.send(new MasterToChunkserver.DupTrunc(0x24, 1, 0x22, 3, 500));
            assertThat(master.next()).isEqualTo(status(MessageType.CSTOMA_DUPTRUNC, 0x24, MfsStatus.OK));
            master.send(new MasterToChunkserver.Delete(0x23, 0));
            assertThat(master.next()).isEqualTo(status(MessageType.CSTOMA_DELETE, 0x23, MfsStatus.OK));
            master.send(new MasterToChunkserver.Delete(0x99, 1));
            assertThat(master.next()).isEqualTo(status(MessageType.CSTOMA_DELETE, 0x99, MfsStatus.NOCHUNK));

            assertThat(cs.storage().version(0x22)).hasValue(3);
            assertThat(cs.storage().version(0x23)).isEmpty();
            assertThat(cs.storage().version(0x24)).hasValue(1);
            assertThat(ChunkserverIdentity.load(cs.setup.data())).isEqualTo(new ChunkserverIdentity(3, META_ID));
        }
    }

    @Test
    void afterTheMasterRestartsItRegistersAgainWithItsChunkList() throws Exception {
        try (FakeMaster master = new FakeMaster();
                RunningChunkserver cs = new RunningChunkserver(dir, "cs", master.port(),
                        "CHUNKS_PER_REGISTER_PACKET = 1000")) {
            RunningChunkserver.register(master, META_ID, 3);
            cs.storage().awaitScan(10, TimeUnit.SECONDS);
            for (long id = 1; id <= 1500; id++) {
                cs.storage().create(id, 7);
            }
            assertThat(cs.storage().create(1501, 7).get(20, TimeUnit.SECONDS)).isEqualTo(MfsStatus.OK);

            master.dropConnection();
            List<ChunkVersion> listed = RunningChunkserver.register(master, META_ID, 3);

            assertThat(listed).hasSize(1501).contains(new ChunkVersion(1501, 7));
            assertThat(ChunkserverIdentity.load(cs.setup.data()).csId()).isEqualTo(3);
        }
    }

    @Test
    void everyChunkOnDiskReachesTheMasterThroughTheListOrAsNewChunksAfterIt() throws Exception {
        int unusedPort = io.jmfs.chunkserver.TestChunkserver.freePort();
        try (RunningChunkserver first = new RunningChunkserver(dir, "cs", unusedPort)) {
            first.storage().awaitScan(10, TimeUnit.SECONDS);
            for (long id = 1; id <= 300; id++) {
                first.storage().create(id, 2);
            }
            assertThat(first.storage().create(301, 2).get(20, TimeUnit.SECONDS)).isEqualTo(MfsStatus.OK);
        }
        try (FakeMaster master = new FakeMaster();
                RunningChunkserver cs = new RunningChunkserver(dir, "cs", master.port())) {
            java.util.Set<Long> known = new java.util.HashSet<>();
            RunningChunkserver.register(master, META_ID, 1).forEach(c -> known.add(c.chunkId()));
            while (known.size() < 301) {
                ChunkserverToMaster m = master.nextMatching(x -> x instanceof ChunkserverToMaster.ChunkNew);
                ((ChunkserverToMaster.ChunkNew) m).chunks().forEach(c -> {
                    assertThat(c.version()).isEqualTo(2);
                    known.add(c.chunkId());
                });
            }
            assertThat(known).hasSize(301);
        }
    }

    @Test
    void aMasterOfAnotherInstanceIsRefusedForGood() throws Exception {
        new ChunkserverIdentity(4, META_ID).store(java.nio.file.Files.createDirectories(dir.resolve("cs")));
        try (FakeMaster master = new FakeMaster();
                RunningChunkserver cs = new RunningChunkserver(dir, "cs", master.port())) {
            master.accept();
            assertThat(master.next()).isInstanceOfSatisfying(ChunkserverToMaster.RegisterBegin.class,
                    begin -> assertThat(begin.csId()).as("the stored csid is announced").isEqualTo(4));
            master.send(new MasterToChunkserver.MasterAck(0x000300EA, 10, 4, META_ID + 1));

            assertThatThrownBy(master::next).as("connection closed without LABELS").isInstanceOf(java.io.EOFException.class);
            assertThatThrownBy(master::acceptWithin3Seconds).isInstanceOf(SocketTimeoutException.class);
            assertThat(ChunkserverIdentity.load(cs.setup.data()).metaId()).isEqualTo(META_ID);
            assertThat(cs.unrecoverableFaults).as("the daemon is told to exit, as MooseFS's does").hasValue(1);
        }
    }

    @Test
    void aChunkIsReplicatedFromAnotherChunkserverOnTheMastersCommand() throws Exception {
        try (FakeMaster master = new FakeMaster();
                FakeMaster sourceMaster = new FakeMaster();
                RunningChunkserver source = new RunningChunkserver(dir, "src", sourceMaster.port());
                RunningChunkserver target = new RunningChunkserver(dir, "dst", master.port())) {
            RunningChunkserver.register(master, META_ID, 2);
            source.storage().awaitScan(10, TimeUnit.SECONDS);
            target.storage().awaitScan(10, TimeUnit.SECONDS);
            byte[] data = new byte[3 * 65536 + 100];
            new Random(5).nextBytes(data);
            source.storage().create(0x50, 4).get(10, TimeUnit.SECONDS);
            for (int b = 0; b * 65536 < data.length; b++) {
                byte[] part = Arrays.copyOfRange(data, b * 65536, Math.min(data.length, (b + 1) * 65536));
                assertThat(source.storage().write(0x50, 4, b, 0, part, Crc32.of(part)).get(10, TimeUnit.SECONDS))
                        .isEqualTo(MfsStatus.OK);
            }
            source.storage().close(0x50).get(10, TimeUnit.SECONDS);
            int sourceIp = Ipv4.toInt(source.address().getAddress());
            int sourcePort = source.address().getPort();

            master.send(new MasterToChunkserver.Replicate(0x50, 4, sourceIp, sourcePort));
            assertThat(master.next()).isEqualTo(new ChunkserverToMaster.ReplicateStatus(0x50, 4, MfsStatus.OK));
            assertThat(target.storage().version(0x50)).hasValue(4);
            try (DataPortClient c = new DataPortClient(target.address())) {
                assertThat(c.read(0x50, 4, 0, data.length).data()).isEqualTo(data);
            }

            master.send(new MasterToChunkserver.Replicate(0x51, 1, sourceIp, sourcePort));
            assertThat(master.next()).as("a chunk the source lacks")
                    .isEqualTo(new ChunkserverToMaster.ReplicateStatus(0x51, 1, MfsStatus.NOCHUNK));
            assertThat(target.storage().version(0x51)).as("the partial copy is gone").isEmpty();
        }
    }

    private static ChunkserverToMaster status(MessageType type, long chunkId, MfsStatus status) {
        return new ChunkStatus(type.id(), chunkId, status);
    }
}
