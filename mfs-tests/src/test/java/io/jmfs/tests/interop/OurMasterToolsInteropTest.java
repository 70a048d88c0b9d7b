package io.jmfs.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.cluster.MooseFsConfig;
import io.jmfs.tests.harness.Shell;
import io.jmfs.tests.harness.TestLogs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The real MooseFS 3.0.117 tools on a real mfsmount against our master: goals (storage classes), trash time, extra
 * attributes, paths, directory statistics and locks, as users type them; and mfscli's monitoring views.
 */
@InteropTest
class OurMasterToolsInteropTest {
    private static final int OUR_HOST = 5;

    static final String TOOLS_SCENARIO = """
            mkdir -p t/sub && touch t/a t/sub/b
            echo "[$(mfsgetgoal t/a)]"
            mfssetgoal -r 3 t | grep -E 'changed|not changed|permission' | tr -s ' '
            echo "[$(mfsgetgoal t/sub/b)]"
            mfsgetgoal -r t | tr -s ' '
            mfssettrashtime -r 3600 t > /dev/null && echo "[$(mfsgettrashtime t/sub/b)]"
            mfsseteattr -f nodatacache t/a > /dev/null && echo "[$(mfsgeteattr t/a)]"
            echo "paths: $(mfsfilepaths t/sub/b | tail -1)"
            mfsdirinfo t | tr -s ' '
            echo "classes: $(mfsscadmin list | tr '\n' ' ')"
            long=$(mfsscadmin list -l)
            echo "$long" | grep -q '^3 : ' && ! echo "$long" | grep -q -e error -e wrong && echo "class definitions listed"
            flock -x t/a -c 'sleep 2' &
            sleep 0.5
            flock -n -x t/a -c true && echo "flock: not held" || echo "flock: held"
            flock -x t/a -c 'echo "flock: granted after waiting"'
            wait
            python3 - <<'PY'
            import fcntl, os
            fd = os.open("t/a", os.O_RDWR)
            fcntl.lockf(fd, fcntl.LOCK_EX, 10, 0)
            if os.fork() == 0:
                fd2 = os.open("t/a", os.O_RDWR)
                try:
                    fcntl.lockf(fd2, fcntl.LOCK_EX | fcntl.LOCK_NB, 5, 0)
                    print("posix: range not locked")
                except OSError:
                    print("posix: range locked")
                fcntl.lockf(fd2, fcntl.LOCK_EX | fcntl.LOCK_NB, 5, 20)
                print("posix: other range free")
                os._exit(0)
            os.wait()
            PY
            """;

    @Test
    void goalsTrashTimeEattrPathsDirStatsAndLocksWorkWithTheRealTools(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS)) {
            Shell.Result r = master.withRealMount("", TOOLS_SCENARIO);

            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output())
                    .contains("[t/a: 2]", "[t/sub/b: 3]")
                    .contains(" inodes with goal changed: 4", " inodes with goal not changed: 0")
                    .contains(" files with goal 3 : 2", " directories with goal 3 : 2")
                    .contains("[t/sub/b: 3600]", "[t/a: nodatacache]", "paths: t/sub/b")
                    .contains(" inodes: 4", " directories: 2", " files: 2")
                    .contains("classes: 1 2 3 4 5 6 7 8 9", "class definitions listed")
                    .contains("flock: held", "flock: granted after waiting")
                    .contains("posix: range locked", "posix: other range free");
        }
    }

    @Test
    void mfscliShowsEveryMonitoringViewWithoutErrors(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS)) {
            for (String view : new String[] {"-SIN", "-SIG", "-SCS", "-SMU", "-SIC", "-SEX", "-SMS", "-SMO", "-SQU"}) {
                Shell.Result r = ns.bash(Duration.ofSeconds(30), "mfscli -H " + master.address() + " " + view);
                assertThat(r.exitCode()).as(view + ": " + r.output()).isZero();
                assertThat(r.output()).as(view).doesNotContainIgnoringCase("traceback").doesNotContain("error");
            }
            Shell.Result exports = ns.bash(Duration.ofSeconds(30), "mfscli -H " + master.address() + " -SEX");
            assertThat(exports.output()).contains("exports:");
        }
    }
}
