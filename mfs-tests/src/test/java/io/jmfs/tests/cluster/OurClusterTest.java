package io.jmfs.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.client.Credentials;
import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsFile;
import io.jmfs.client.master.MasterOptions;
import io.jmfs.protocol.msg.client.NamespaceReply.Statfs;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.tests.harness.KeepLogsOnFailure;
import io.jmfs.tests.harness.LoggedProcess;
import io.jmfs.tests.harness.Poll;
import io.jmfs.tests.harness.TcpProbe;
import io.jmfs.tests.harness.TestLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Our own daemons, started through bin/ as a user would, form a cluster on loopback. */
@Tag("cluster")
@ExtendWith(KeepLogsOnFailure.class)
class OurClusterTest {

    @Test
    void masterThreeChunkserversAndAMetaloggerStartThroughBinAndStopCleanly(TestLogs logs) {
        List<LoggedProcess> daemons;
        ClusterLayout layout;
        try (LocalCluster cluster = LocalCluster.start(logs, 3, true, Readiness.STARTED)) {
            layout = cluster.layout();
            daemons = List.copyOf(cluster.processes());
            assertThat(daemons).extracting(LoggedProcess::name).containsExactly(
                    "mfsmaster", "chunkserver1", "chunkserver2", "chunkserver3", "mfsmetalogger");
            assertThat(daemons).allMatch(LoggedProcess::isAlive);

            assertThat(cluster.stop()).hasSize(5)
                    .allSatisfy((name, code) -> assertThat(code).as(name + " exit code").isZero());
        }
        assertThat(daemons).noneMatch(LoggedProcess::isAlive);
        assertThat(layout.master().ports()).noneMatch(TcpProbe::accepts);
        assertThat(layout.chunkservers()).noneMatch(cs -> TcpProbe.accepts(cs.port()));
    }

    @Test
    void chunkserversAndTheMetaloggerConnectToTheMaster(TestLogs logs) {
        try (LocalCluster cluster = LocalCluster.start(logs, 3, true, Readiness.CONNECTED)) {
            ClusterLayout.Master master = cluster.layout().master();
            assertThat(TcpProbe.clientsConnectedTo(master.chunkserverPort())).isEqualTo(3);
            assertThat(TcpProbe.clientsConnectedTo(master.metaloggerPort())).isEqualTo(1);
            assertThat(cluster.stop()).allSatisfy((name, code) -> assertThat(code).as(name + " exit code").isZero());
        }
    }

    @Test
    void statfsReportsTheSpaceOfTheChunkserversDisks(TestLogs logs) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(logs, 3, false, Readiness.CONNECTED);
                MfsClient mfs = MfsClient.connect(MasterOptions.of("127.0.0.1").withPort(cluster.clientPort()),
                        Credentials.ROOT)) {
            // the three chunkservers' folders share this machine's disk: each reports all of it but the part only
            // root may fill (as MooseFS counts a disk), and statfs sums the three once all have registered
            FileStore store = Files.getFileStore(cluster.layout().chunkservers().get(0).dataPath());
            long disk = store.getTotalSpace();
            long perServer = disk - (store.getUnallocatedSpace() - store.getUsableSpace());
            Statfs st = Poll.untilPresent(Duration.ofSeconds(60), "the three chunkservers' space in statfs", () -> {
                try {
                    Statfs now = mfs.statfs();
                    return now.totalSpace() >= 3 * (perServer / 100 * 95) ? Optional.of(now) : Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(st.totalSpace()).isLessThanOrEqualTo(3 * disk);
            assertThat(st.freeSpace()).isPositive().isLessThanOrEqualTo(st.totalSpace());
            assertThat(st.availSpace()).isEqualTo(st.freeSpace()); // RESERVE_SPACE is 0 by default
        }
    }

    @Test
    void aWritersModificationTimeReachesOtherClientsUnlessItSetsTheTimeItself(TestLogs logs) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(logs, 1, false, Readiness.CONNECTED);
                MfsClient writer = connect(cluster);
                MfsClient other = connect(cluster)) {
            int written = createFile(writer, "written");
            int touched = createFile(writer, "touched");
            int createdAt = other.getattr(written).mtime();
            Thread.sleep(1_100); // times are whole seconds: the writes come a second later than the creation

            for (int inode : List.of(written, touched)) {
                try (MfsFile f = writer.open(inode, true)) {
                    f.write(0, new byte[] {1, 2, 3}, 0, 3);
                }
            }
            writer.setattr(touched, NamespaceRequest.SetAttr.SET_MTIME, 0, 0, 0, 0, 1_000);

            assertThat(writer.getattr(written).mtime()).as("the writer sees its write at once")
                    .isGreaterThan(createdAt);
            Poll.until(Duration.ofSeconds(10), "the write time at the master", () -> {
                try {
                    return other.getattr(written).mtime() > createdAt;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Thread.sleep(2_100); // two rounds of reporting: nothing pending may override the time set explicitly
            assertThat(other.getattr(touched).mtime()).isEqualTo(1_000);
            assertThat(writer.getattr(touched).mtime()).isEqualTo(1_000);
        }
    }

    private static MfsClient connect(LocalCluster cluster) throws IOException {
        return MfsClient.connect(MasterOptions.of("127.0.0.1").withPort(cluster.clientPort()), Credentials.ROOT);
    }

    private static int createFile(MfsClient client, String name) throws IOException {
        try (MfsFile f = client.create(MfsClient.ROOT, name, 0644)) {
            return f.inode();
        }
    }
}
