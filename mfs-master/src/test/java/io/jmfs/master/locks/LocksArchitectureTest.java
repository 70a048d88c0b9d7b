package io.jmfs.master.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The lock tables are metadata-thread state: no network types, no Java locks, no threads. */
class LocksArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/jmfs/master/locks");

    @Test
    void lockSourcesUseNoNettyNoJavaLocksAndNoThreads() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList();
        }
        assertThat(files).hasSizeGreaterThan(4);
        for (Path f : files) {
            assertThat(Files.readString(f)).as(f.toString())
                    .doesNotContain("io.netty")
                    .doesNotContain("synchronized")
                    .doesNotContain("java.util.concurrent")
                    .doesNotContain("new Thread");
        }
    }
}
