package io.jmfs.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.harness.LoggedProcess;
import io.jmfs.tests.harness.Shell;
import io.jmfs.tests.harness.TestLogs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interop harness itself, with the real MooseFS alone: what every mixed test builds on. */
@InteropTest
class RealMooseFsInteropTest {

    @Test
    void realMasterAndChunkserverRunInAFreshNamespaceAndServeAFile(TestLogs logs) {
        String namespaceName;
        List<LoggedProcess> daemons;
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            namespaceName = ns.name();
            assertThat(ns.exists()).as("namespace %s created", ns).isTrue();

            try (RealMooseFs moosefs = RealMooseFs.start(ns, logs, 1, false)) {
                daemons = List.copyOf(moosefs.processes());

                assertThat(moosefs.chunkservers()).singleElement().satisfies(cs -> {
                    assertThat(cs.address()).isEqualTo(moosefs.chunkserverAddress(1));
                    assertThat(cs.port()).isEqualTo(9422);
                    assertThat(cs.version()).isEqualTo("3.0.117");
                    assertThat(cs.totalSpace()).isPositive();
                });

                Shell.Result session = moosefs.withRealMount("""
                        printf 'written through mfsmount\\n' > hello.txt
                        sync
                        cat hello.txt
                        stat -c 'size=%s' hello.txt
                        """);
                assertThat(session.exitCode()).as(session.output()).isZero();
                assertThat(session.output()).contains("written through mfsmount").contains("size=25");

                assertThat(moosefs.stop()).as("exit codes after SIGTERM")
                        .containsOnlyKeys("real-mfschunkserver1", "real-mfsmaster")
                        .allSatisfy((name, code) -> assertThat(code).as(name).isZero());
            }
        }
        assertThat(daemons).noneMatch(LoggedProcess::isAlive);
        assertThat(Shell.run(java.time.Duration.ofSeconds(10), "ip", "netns", "list").output())
                .as("namespace deleted").doesNotContain(namespaceName);
    }

    @Test
    void aRealMetaloggerConnectsToTheRealMaster(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs moosefs = RealMooseFs.start(ns, logs, 1, true)) {
            assertThat(moosefs.cli("-SMB").output()).containsPattern("metadata backup loggers:\t198\\.18\\.");
            assertThat(moosefs.stop()).containsKeys("real-mfsmetalogger", "real-mfschunkserver1", "real-mfsmaster")
                    .allSatisfy((name, code) -> assertThat(code).as(name).isZero());
        }
    }
}
