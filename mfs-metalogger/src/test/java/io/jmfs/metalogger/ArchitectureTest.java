package io.jmfs.metalogger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The store stays free of the wire, and every package says what it is for. */
class ArchitectureTest {
    private static final Path ROOT = Path.of("src/main/java/io/jmfs/metalogger");

    @Test
    void theStoreDoesNotUseNettyOrTheWire() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("store"))) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> read(p).contains("io.netty") || read(p).contains("io.jmfs.protocol")).toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void everyPackageStatesItsJob() throws IOException {
        try (Stream<Path> dirs = Files.walk(ROOT)) {
            List<Path> withoutInfo = dirs.filter(Files::isDirectory)
                    .filter(d -> !Files.exists(d.resolve("package-info.java"))).toList();
            assertThat(withoutInfo).isEmpty();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
