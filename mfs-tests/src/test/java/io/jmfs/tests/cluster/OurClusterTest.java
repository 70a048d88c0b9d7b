package io.jmfs.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.harness.KeepLogsOnFailure;
import io.jmfs.tests.harness.LoggedProcess;
import io.jmfs.tests.harness.TcpProbe;
import io.jmfs.tests.harness.TestLogs;
import java.util.List;
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
}
