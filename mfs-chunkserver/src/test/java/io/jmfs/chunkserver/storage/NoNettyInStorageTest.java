package io.jmfs.chunkserver.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The storage layer is a state package: it must not depend on Netty (design rule "the wire stays out"). */
class NoNettyInStorageTest {
    @Test
    void storageSourcesDoNotImportNetty() throws IOException {
        Path root = Path.of("src/main/java/io/jmfs/chunkserver/storage");
        List<Path> offenders;
        try (var files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("io.netty");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(root).isDirectory();
        assertThat(offenders).isEmpty();
    }
}
