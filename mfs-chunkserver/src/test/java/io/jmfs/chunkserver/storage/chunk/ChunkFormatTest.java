package io.jmfs.chunkserver.storage.chunk;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkFormatTest {
    @Test
    void fileNamesAreUpperHexIdAndVersion() {
        ChunkFileName n = new ChunkFileName(0xABCDEF0123L, 0x1F);
        assertThat(n.fileName()).isEqualTo("chunk_000000ABCDEF0123_0000001F.mfs");
        assertThat(ChunkFileName.parse(n.fileName())).contains(n);
        assertThat(ChunkFileName.parse("chunk_FFFFFFFFFFFFFFFF_FFFFFFFF.mfs"))
                .contains(new ChunkFileName(-1L, -1));
    }

    @Test
    void otherNamesAreNotChunks() {
        assertThat(ChunkFileName.parse("chunk_000000abcdef0123_0000001F.mfs")).isEmpty();
        assertThat(ChunkFileName.parse("chunk_000000ABCDEF0123_0000001F.mfs.tmp")).isEmpty();
        assertThat(ChunkFileName.parse("reptmp_chunk_000000ABCDEF0123")).isEqualTo(Optional.empty());
        assertThat(ChunkFileName.parse("chunk_000000ABCDEF0123-0000001F.mfs")).isEmpty();
    }

    @Test
    void subfoldersAreTwoUpperHexDigits() {
        assertThat(ChunkFileName.subfolderName(0)).isEqualTo("00");
        assertThat(ChunkFileName.subfolderName(0xAB)).isEqualTo("AB");
        assertThat(ChunkFileName.parseSubfolder("FF")).isEqualTo(255);
        assertThat(ChunkFileName.parseSubfolder("ff")).isEqualTo(-1);
    }

    @Test
    void headerSizeAndBlocksFollowFromTheFileLength() {
        assertThat(ChunkFormat.headerSizeForLength(8192)).isEqualTo(4096);
        assertThat(ChunkFormat.headerSizeForLength(8192 + 3 * 65536)).isEqualTo(4096);
        assertThat(ChunkFormat.blocksForLength(8192 + 3 * 65536, 4096)).isEqualTo(3);
        assertThat(ChunkFormat.headerSizeForLength(5120 + 65536)).isEqualTo(1024);
        assertThat(ChunkFormat.blocksForLength(5120 + 65536, 1024)).isEqualTo(1);
        assertThat(ChunkFormat.headerSizeForLength(8192 + 100)).isEqualTo(-1);
        assertThat(ChunkFormat.headerSizeForLength(0)).isEqualTo(-1);
        assertThat(ChunkFormat.headerSizeForLength(8192 + 1025L * 65536)).isEqualTo(-1);
        assertThat(ChunkFormat.blockOffset(4096, 2)).isEqualTo(8192 + 2 * 65536);
    }

    @Test
    void headerAcceptsVersions10And11Only() {
        ByteBuffer h = ChunkFormat.newFileHead(5, 7);
        assertThat(ChunkFormat.decodeHeader(h.duplicate())).isEqualTo(new ChunkFormat.Header(5, 7));
        h.put(7, (byte) '1');
        assertThat(ChunkFormat.decodeHeader(h.duplicate())).isEqualTo(new ChunkFormat.Header(5, 7));
        h.put(7, (byte) '2');
        assertThatThrownBy(() -> ChunkFormat.decodeHeader(h.duplicate())).isInstanceOf(ChunkFormatException.class);
        ByteBuffer junk = ByteBuffer.wrap("XXXXXXXXXXXXXXXXXXXX".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> ChunkFormat.decodeHeader(junk)).hasMessageContaining("signature");
    }

    @Test
    void crcIsZlibCrc32() {
        byte[] hello = "hello-moosefs\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ChunkFormat.crc(hello, 0, hello.length)).isEqualTo(0x8c824394);
        assertThat(ChunkFormat.crc(new byte[65536], 0, 65536)).isEqualTo(ChunkFormat.EMPTY_BLOCK_CRC);
        assertThat(ChunkFormat.zeroCrc(10)).isEqualTo(ChunkFormat.crc(new byte[10], 0, 10));
    }
}
