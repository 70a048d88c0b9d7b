package io.jmfs.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.cluster.MooseFsConfig;
import io.jmfs.tests.harness.FileTrees;
import io.jmfs.tests.harness.Shell;
import io.jmfs.tests.harness.TestLogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our master with the real MooseFS 3.0.117 clients (mfsmount, libmfsio), in a network namespace: our master listens
 * on {@code .5}; where the real master takes part it listens on {@code .1}.
 */
@InteropTest
class OurMasterInteropTest {
    private static final int OUR_HOST = 5;
    private static final String OPEN_EXPORTS = MooseFsConfig.OPEN_EXPORTS;

    /**
     * Everything a mount does to the namespace; each step prints a marker the test looks for. Nothing writes file
     * data (no chunkservers here: a write would wait for one).
     */
    static final String NAMESPACE_SCENARIO = """
            set -e
            mkdir -p d1/d2/d3 && echo "step mkdir-p"
            touch d1/f && echo "step touch"
            ls -laR . > /dev/null && echo "step ls-laR"
            echo "stat $(stat -c '%F %a %U %G %h %s' d1/f)"
            chmod 600 d1/f && echo "mode $(stat -c '%a' d1/f)"
            chown 1000:1001 d1/f && echo "owner $(stat -c '%u:%g' d1/f)"
            ln d1/f d1/hard && echo "links $(stat -c '%h' d1/f)"
            ln -s f d1/sym && echo "readlink $(readlink d1/sym)"
            mv d1/f d1/g && test ! -e d1/f && test -e d1/g && echo "step mv-file"
            mv d1/d2 d1/moved && test -d d1/moved/d3 && echo "step mv-dir"
            touch d1/x && mv d1/x d1/g && test ! -e d1/x && echo "over $(stat -c '%u %h' d1/g)"
            setfattr -n user.colour -v blue d1/g && echo "xattr $(getfattr --only-values -n user.colour d1/g)"
            echo "listing $(ls d1 | tr '\\n' ' ')"
            mkdir rootonly && chmod 755 rootonly
            if out=$(setpriv --reuid=1000 --regid=1000 --clear-groups touch rootonly/f 2>&1); then
              echo "not denied"
            else
              echo "denied: $out"
            fi
            rm -r d1 rootonly && echo "left: [$(ls -A)]"
            """;

    private Path work;

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-our-master-test-");
    }

    @AfterEach
    void cleanUp() {
        FileTrees.delete(work);
    }

    @Test
    void theRealMountRunsTheNamespaceScenarioOnOurMaster(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, OPEN_EXPORTS)) {
            Shell.Result result = master.withRealMount("", NAMESPACE_SCENARIO);

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output())
                    .contains("step mkdir-p", "step touch", "step ls-laR")
                    .contains("stat regular empty file 644 root root 1 0")
                    .contains("mode 600", "owner 1000:1001", "links 2", "readlink f")
                    .contains("step mv-file", "step mv-dir")
                    .contains("over 0 1") // the new file replaced g (and its hard link count)
                    .contains("xattr blue")
                    .contains("listing g hard moved sym")
                    .contains("denied: touch: cannot touch 'rootonly/f': Permission denied")
                    .contains("left: []");
            assertThat(master.process().isAlive()).isTrue();
        }
    }

    @Test
    void libmfsioRunsTheScenarioOnOurMaster(TestLogs logs) {
        Path program = compile("mfsio-scenario");
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, OPEN_EXPORTS)) {
            Shell.Result scenario = ns.run(Duration.ofMinutes(2), List.of(program.toString(), master.address(), "9421"));
            assertThat(scenario.output()).as(scenario.output()).doesNotContain("FAIL").contains("ALL DONE");
            assertThat(scenario.exitCode()).isZero();

            Shell.Result denied = ns.run(Duration.ofMinutes(1), List.of("setpriv", "--reuid=1000", "--regid=1000",
                    "--clear-groups", program.toString(), master.address(), "9421", "denied"));
            assertThat(denied.output()).as(denied.output()).contains("ok non-root create denied", "ALL DONE");
            assertThat(denied.exitCode()).isZero();
        }
    }

    @Test
    void theExportsDecideWhoMountsWhatAndHow(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            String exports = """
                    *               /         rw,maproot=0
                    *               /ro       ro
                    *               /mapped   rw,maproot=1000:1001
                    *               /secret   rw,maproot=0,password=opensesame
                    %s/32    /outside  rw
                    """.formatted(ns.address(9));
            try (OurMaster master = OurMaster.start(ns, logs, OUR_HOST, exports)) {
                Shell.Result setup = master.withRealMount("", "mkdir ro mapped secret outside && chmod 777 mapped && touch ro/existing");
                assertThat(setup.exitCode()).as(setup.output()).isZero();

                Shell.Result outside = master.withRealMount("-S /outside", "true");
                assertThat(outside.exitCode()).as("no rule lets us mount /outside: " + outside.output()).isEqualTo(97);

                Shell.Result readOnly = master.withRealMount("-S /ro", """
                        ls && cat existing && echo "read ok"
                        touch new 2>&1; mkdir newdir 2>&1; rm existing 2>&1; true
                        """);
                assertThat(readOnly.exitCode()).as(readOnly.output()).isZero();
                assertThat(readOnly.output()).contains("existing", "read ok")
                        .contains("touch: cannot touch 'new': Read-only file system")
                        .containsPattern("mkdir: cannot create directory .newdir.: Read-only file system")
                        .contains("rm: cannot remove 'existing': Read-only file system");

                Shell.Result mapped = master.withRealMount("-S /mapped",
                        "touch byroot && echo \"owner $(stat -c '%u:%g' byroot)\"");
                assertThat(mapped.output()).as(mapped.output()).contains("owner 1000:1001");

                Shell.Result wrongPassword = master.withRealMount("-S /secret -o mfspassword=guess", "true");
                assertThat(wrongPassword.exitCode()).as(wrongPassword.output()).isEqualTo(97);
                Shell.Result noPassword = master.withRealMount("-S /secret", "true");
                assertThat(noPassword.exitCode()).as(noPassword.output()).isEqualTo(97);
                Shell.Result rightPassword = master.withRealMount("-S /secret -o mfspassword=opensesame",
                        "touch inside && ls");
                assertThat(rightPassword.exitCode()).as(rightPassword.output()).isZero();
                assertThat(rightPassword.output()).contains("inside");

                Shell.Result fromRoot = master.withRealMount("", "ls secret mapped");
                assertThat(fromRoot.output()).as("subfolder mounts wrote where they should")
                        .contains("inside", "byroot");
                assertThat(master.process().isAlive()).isTrue();
            }
        }
    }

    /**
     * One sequence of operations, successful and failing, through the real mfsmount against the real master and
     * against ours: exit codes, error messages and stat output (inode numbers and times left out) must be the same.
     */
    @Test
    void ourMasterAnswersLikeTheRealOneThroughTheRealMount(TestLogs logs) {
        String sequence = """
                run() { out=$("$@" 2>&1); rc=$?; echo "$* -> $rc $(printf '%s' "$out" | tr -d "\\047")"; }
                run mkdir a
                run mkdir a
                run mkdir -p a/b/c
                run touch a/f
                run chmod 4755 a/f
                run chown 1000:1000 a/f
                run ln a/f a/h
                run ln a a/dirlink
                run ln -s ../a/f a/s
                run readlink a/s
                run mv a/b a/b/c/inside
                run mv a/f a/b
                run mv a/b/f a/g
                run rmdir a
                run rm a/missing
                run rmdir a/b/c/nothing
                run mkdir a/ro && chmod 555 a/ro
                run setpriv --reuid=1000 --regid=1000 --clear-groups touch a/ro/x
                run setpriv --reuid=1000 --regid=1000 --clear-groups touch a/mine
                run setpriv --reuid=1000 --regid=1000 --clear-groups chmod 600 a/h
                run setfattr -n user.k -v v a/g
                run getfattr -n user.k a/g
                run getfattr -n user.missing a/g
                run setfattr -x user.missing a/g
                run truncate -s 0 a/g
                find . -mindepth 1 | sort | while read -r p; do
                  echo "$(stat -c '%n %F %a %u:%g %h' "$p") $( [ -d "$p" ] || stat -c '%s' "$p")"
                done
                """;
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs real = RealMooseFs.start(ns, logs, 0, false);
                OurMaster ours = OurMaster.start(ns, logs, OUR_HOST, OPEN_EXPORTS)) {
            Shell.Result expected = real.withRealMount(sequence);
            Shell.Result actual = ours.withRealMount("", sequence);

            assertThat(expected.exitCode()).as(expected.output()).isZero();
            assertThat(expected.output()).as("the sequence ran on a MooseFS mount, to its end")
                    .contains("mkdir a -> 1 mkdir: cannot create directory", "File exists")
                    .contains("ln a a/dirlink -> 1", "rmdir a -> 1", "Directory not empty")
                    .contains("./a/g regular empty file 600 1000:1000 2 0");
            assertThat(actual.output()).isEqualTo(expected.output());
            assertThat(actual.exitCode()).isEqualTo(expected.exitCode());
        }
    }

    /** Compiles a C program from the test resources against libmfsio. */
    private Path compile(String name) {
        Path source = work.resolve(name + ".c");
        Path binary = work.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/interop/" + name + ".c")) {
            assertThat(in).as("resource /interop/%s.c", name).isNotNull();
            Files.copy(in, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Shell.run(Duration.ofMinutes(1), "gcc", "-O1", "-Wall", "-o", binary.toString(), source.toString(), "-lmfsio")
                .orThrow();
        return binary;
    }
}
