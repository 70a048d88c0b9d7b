package io.jmfs.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.harness.Shell;
import io.jmfs.tests.harness.TestLogs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java client API ({@code MfsClient}, {@code MfsFile}) against the real MooseFS 3.0.117 master. */
@InteropTest
class MfsClientApiInteropTest {
    @Test
    void twoSessionsSeeEachOthersWritesAfterFsyncAndCloseAndEveryMetadataOperationWorks(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Shell.Result r = ns.run(Duration.ofMinutes(2), List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), ClientApiScenario.class.getName(),
                    cluster.masterAddress()));
            assertThat(r.output()).as("exit %d", r.exitCode()).contains("SCENARIO OK");
            assertThat(r.exitCode()).isZero();
        }
    }
}
