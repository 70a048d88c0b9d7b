package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.protocol.MfsStatus;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Outcome of a read into a caller's buffer: on {@link MfsStatus#OK} the slices cover the requested range in order
 * and their bytes are in the buffer; otherwise there are none and the buffer's content means nothing.
 */
public record BufferedRead(MfsStatus status, List<BufferedSlice> slices) {
    public BufferedRead {
        slices = List.copyOf(slices);
    }

    static BufferedRead failed(MfsStatus status) {
        return new BufferedRead(status, List.of());
    }

    /** The same outcome with each slice's bytes copied out of {@code buffer}. */
    ReadResult toCopies(ByteBuffer buffer) {
        if (!status.isOk()) {
            return ReadResult.failed(status);
        }
        List<BlockSlice> copies = new ArrayList<>(slices.size());
        for (BufferedSlice s : slices) {
            byte[] data = new byte[s.length()];
            buffer.get(s.bufferOffset(), data);
            copies.add(new BlockSlice(s.blockNum(), s.offset(), data, s.crc(), s.blockCrc()));
        }
        return new ReadResult(status, copies);
    }
}
