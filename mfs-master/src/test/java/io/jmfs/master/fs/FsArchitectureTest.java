package io.jmfs.master.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The namespace is pure state: no network types, no locks, no threads (package-info.java invariants). */
class FsArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/jmfs/master/fs");

    @Test
    void namespaceSourcesUseNoNettyNoLocksAndNoThreads() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            // package-info.java files state these rules in prose, so only code files are checked
            files = walk.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path f : files) {
            String src = Files.readString(f);
            assertThat(src).as(f.toString())
                    .doesNotContain("io.netty")
                    .doesNotContain("synchronized")
                    .doesNotContain("java.util.concurrent")
                    .doesNotContain("new Thread");
            assertThat(src.lines().count()).as("%s stays below ~800 lines", f).isLessThan(800);
        }
    }
}
