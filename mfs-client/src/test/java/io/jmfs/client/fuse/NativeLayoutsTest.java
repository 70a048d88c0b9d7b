package io.jmfs.client.fuse;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The C layouts of 64-bit Linux (glibc x86-64 struct stat, libfuse3 fuse_entry_param and fuse_file_info). */
class NativeLayoutsTest {
    private static final StatValues FILE = new StatValues(77, 0100640, 2, 1000, 100, 0, 5000, 65536, 10, 11, 12,
            13);

    @Test
    void structStatHasEachFieldAtItsGlibcOffset() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = NativeLayouts.stat(a, FILE);
            assertThat(s.byteSize()).isEqualTo(144);
            assertThat(s.get(JAVA_LONG, 8)).as("st_ino").isEqualTo(77);
            assertThat(s.get(JAVA_LONG, 16)).as("st_nlink").isEqualTo(2);
            assertThat(s.get(JAVA_INT, 24)).as("st_mode").isEqualTo(0100640);
            assertThat(s.get(JAVA_INT, 28)).as("st_uid").isEqualTo(1000);
            assertThat(s.get(JAVA_INT, 32)).as("st_gid").isEqualTo(100);
            assertThat(s.get(JAVA_LONG, 48)).as("st_size").isEqualTo(5000);
            assertThat(s.get(JAVA_LONG, 56)).as("st_blksize").isEqualTo(65536);
            assertThat(s.get(JAVA_LONG, 64)).as("st_blocks").isEqualTo(10);
            assertThat(s.get(JAVA_LONG, 72)).as("st_atim.tv_sec").isEqualTo(11);
            assertThat(s.get(JAVA_LONG, 88)).as("st_mtim.tv_sec").isEqualTo(12);
            assertThat(s.get(JAVA_LONG, 104)).as("st_ctim.tv_sec").isEqualTo(13);
        }
    }

    @Test
    void anEntryParamCarriesInodeStatAndBothTimeouts() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment e = NativeLayouts.entryParam(a, FILE, 1.0, 0.5);
            assertThat(e.get(JAVA_LONG, 0)).as("ino").isEqualTo(77);
            assertThat(e.get(JAVA_LONG, 8)).as("generation").isEqualTo(1);
            assertThat(e.get(JAVA_LONG, 16 + 8)).as("attr.st_ino").isEqualTo(77);
            assertThat(e.get(JAVA_LONG, 16 + 48)).as("attr.st_size").isEqualTo(5000);
            assertThat(e.get(JAVA_DOUBLE, 160)).as("attr_timeout").isEqualTo(1.0);
            assertThat(e.get(JAVA_DOUBLE, 168)).as("entry_timeout").isEqualTo(0.5);
        }
    }

    @Test
    void aFileInfoCarriesFlagsBitsAndTheHandle() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fi = NativeLayouts.fileInfo(a, 02, 0x1234_5678_9AL, NativeLayouts.FI_DIRECT_IO);
            assertThat(fi.get(JAVA_INT, 0)).isEqualTo(02);
            assertThat(fi.get(JAVA_INT, 4)).isEqualTo(2);
            assertThat(fi.get(JAVA_LONG, 16)).isEqualTo(0x1234_5678_9AL);
        }
    }

    @Test
    void statvfsCountsBlocksInTheGivenUnit() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = NativeLayouts.statvfs(a, 65536, 100, 60, 50, 1000, 900, 255);
            assertThat(s.get(JAVA_LONG, 0)).isEqualTo(65536);
            assertThat(s.get(JAVA_LONG, 8)).isEqualTo(65536);
            assertThat(s.get(JAVA_LONG, 16)).isEqualTo(100);
            assertThat(s.get(JAVA_LONG, 24)).isEqualTo(60);
            assertThat(s.get(JAVA_LONG, 32)).isEqualTo(50);
            assertThat(s.get(JAVA_LONG, 40)).isEqualTo(1000);
            assertThat(s.get(JAVA_LONG, 48)).isEqualTo(900);
            assertThat(s.get(JAVA_LONG, 80)).isEqualTo(255);
        }
    }
}
