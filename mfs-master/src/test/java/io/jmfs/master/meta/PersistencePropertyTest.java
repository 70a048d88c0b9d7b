package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random operations are logged; a dump of the live state equals the dump of a state rebuilt from the files the
 * master left (dump + changelogs), also when a background dump happened in between.
 */
class PersistencePropertyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void dumpLoadReplayDumpGivesTheSameBytes(long seed) throws Exception {
        Random rnd = new Random(seed);
        Path data = Files.createDirectory(dir.resolve("data"));
        byte[] live;
        try (LiveFixture fx = new LiveFixture(data, false)) {
            assertThat(fx.randomOps(rnd, 1500)).isGreaterThan(200);
            fx.persistence.dumpInBackground().join();
            assertThat(fx.randomOps(rnd, 1500)).isGreaterThan(200);
            fx.persistence.changelog().writer().flush().join();
            assertThat(fx.ns.checkConsistency()).isEmpty();
            Path liveDump = dir.resolve("live.mfs");
            DumpWriter.write(fx.state, liveDump);
            live = Files.readAllBytes(liveDump);
        }

        MetaState rebuilt = MetaState.standalone(0);
        MetadataStartup.load(MetadataStartup.plan(data, false), rebuilt, data);
        assertThat(rebuilt.namespace().checkConsistency()).isEmpty();
        Path again = dir.resolve("again.mfs");
        DumpWriter.write(rebuilt, again);
        assertThat(Files.readAllBytes(again)).isEqualTo(live);

        MetaState reloaded = MetaState.standalone(0);
        DumpReader.load(again, reloaded);
        Path third = dir.resolve("third.mfs");
        DumpWriter.write(reloaded, third);
        assertThat(Files.readAllBytes(third)).isEqualTo(live);
    }
}
