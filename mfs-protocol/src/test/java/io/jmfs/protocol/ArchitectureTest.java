package io.jmfs.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The value types of the root package stay free of Netty, so that state code (namespace, chunks) can use them
 * without importing the wire.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of("src/main/java/io/jmfs/protocol");

    @Test
    void root_package_does_not_use_netty() throws IOException {
        assertThat(ROOT).isDirectory();
        List<Path> offenders;
        try (Stream<Path> files = Files.list(ROOT)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(ArchitectureTest::mentionsNetty)
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void every_package_states_its_job() throws IOException {
        try (Stream<Path> dirs = Files.walk(ROOT)) {
            List<Path> withoutInfo = dirs.filter(Files::isDirectory)
                    .filter(d -> hasJava(d) && !Files.exists(d.resolve("package-info.java"))).toList();
            assertThat(withoutInfo).isEmpty();
        }
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean mentionsNetty(Path p) {
        try {
            return Files.readString(p).contains("io.netty");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
