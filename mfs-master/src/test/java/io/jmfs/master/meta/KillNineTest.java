package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance scenario of the persistence layer: a process owning the metadata runs a mixed workload (namespace,
 * chunks, rotations, background dumps) and is killed with SIGKILL at a random moment, ten times. After each kill
 * the metadata loads, contains every change whose changelog line was completely written, and is consistent (the
 * load runs {@link MetaCheck}); the next run continues from there.
 */
@Tag("slow")
class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void everyWrittenChangeSurvivesKillNineAndTheMetadataStaysConsistent() throws Exception {
        Random rnd = new Random(42);
        long lastVersion = 0;
        for (int round = 0; round < 10; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KillWorkloadMain.class.getName(), dir.toString(),
                    Long.toString(round), Integer.toString(LiveFixture.T0 + round * 1_000_000))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            while (ready != null && !ready.startsWith("ready ")) {
                ready = out.readLine();
            }
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();
            assertThat(ready).as("round %d: the child started", round).startsWith("ready ");
            long startVersion = Long.parseLong(ready.substring(6));
            assertThat(startVersion).as("a restart continues where the last run's log ended").isGreaterThanOrEqualTo(lastVersion);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lastCompleteVersion(dir) <= startVersion && System.nanoTime() < deadline) {
                Thread.sleep(20); // the workload has begun writing (a busy machine may take a while)
            }
            Thread.sleep(rnd.nextInt(1500));
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long lastWritten = lastCompleteVersion(dir);
            MetaState reloaded = MetaState.standalone(0);
            MetadataStartup.load(MetadataStartup.plan(dir, false), reloaded, dir); // runs MetaCheck, throws if inconsistent
            assertThat(reloaded.version()).as("round %d: every completely written change is back", round)
                    .isEqualTo(Math.max(lastWritten + 1, DumpReader.header(DumpFiles.current(dir)).version()));
            assertThat(MetaCheck.problems(reloaded)).isEmpty();
            assertThat(reloaded.version()).as("round %d: the workload made progress", round).isGreaterThan(startVersion);
            lastVersion = reloaded.version();
        }
    }

    /** The version of the last line ending in a newline, over every changelog. */
    private static long lastCompleteVersion(Path dir) throws Exception {
        long last = 0;
        List<Path> files = new ArrayList<>(ChangelogFiles.oldestFirst(dir));
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (java.nio.file.NoSuchFileException rotatedMeanwhile) {
                continue; // the running child renamed it since the listing; the next poll sees it under its new name
            }
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end == 0) {
                continue;
            }
            int start = end - 1;
            while (start > 0 && bytes[start - 1] != '\n') {
                start--;
            }
            String line = new String(bytes, start, end - 1 - start, StandardCharsets.ISO_8859_1);
            last = Math.max(last, ChangelogReplay.versionOf(line));
        }
        return last;
    }
}
