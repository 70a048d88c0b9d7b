package io.jmfs.master.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chunk and cluster state stays free of the transport and of threading primitives. */
class StatePackagesIsolationTest {
    private static final List<String> FORBIDDEN = List.of("import io.netty", "synchronized", "java.util.concurrent",
            "new Thread", "java.net.");

    @Test
    void chunkAndClusterSourcesUseNoNettyThreadsOrSockets() throws IOException {
        for (String pkg : List.of("chunks", "cluster", "sclass")) {
            Path dir = Path.of("src/main/java/io/jmfs/master", pkg);
            assertThat(dir).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    for (String bad : FORBIDDEN) {
                        assertThat(text).as(file + " must not use " + bad).doesNotContain(bad);
                    }
                }
            }
        }
    }
}
