package io.jmfs.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.chunks.ChunkSettings;
import io.jmfs.master.chunks.WriteGrant;
import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.SpaceReport;
import io.jmfs.master.exports.ExportRules;
import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.NamespaceSettings;
import io.jmfs.protocol.MfsStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The namespace and the chunk layer as the master state wires them: writes place chunk ids in files, files
 * release chunks, and a file reaches a chunk being written past its end before that chunk's write ends.
 */
class MasterStateChunkWiringTest {
    private static final long CHUNK = 64L << 20;

    private int now = 1_700_000_000;
    private final MasterState state = new MasterState(() -> now, ExportRules.none(), NamespaceSettings.DEFAULTS,
            60, 1, ChunkSettings.DEFAULTS);
    private final List<ChunkserverInfo> servers = new ArrayList<>();

    MasterStateChunkWiringTest() {
        for (int port = 9422; port < 9424; port++) {
            servers.add(state.chunks().registerChunkserver(0x7f00_0001, port, 0, 0x0003_00EA,
                    new SpaceReport(0, 100L << 30, 0, 0, 0, 0)));
        }
    }

    private int newFile() {
        return state.namespace().create(Credentials.ROOT, 1, "f".getBytes(StandardCharsets.UTF_8), 0644, 0)
                .orThrow().inode();
    }

    /** WRITE_CHUNK with every server confirming the new chunk. */
    private WriteGrant write(int inode, int index) {
        List<WriteGrant> grants = new ArrayList<>();
        state.chunks().prepareWrite(inode, index, 2, 0, 0x7f00_0001, grants::add);
        long chunkId = state.namespace().chunkAt(inode, index).orThrow();
        for (ChunkserverInfo cs : servers) {
            state.chunks().onCreateResult(cs.csid(), chunkId, MfsStatus.OK);
        }
        assertThat(grants).hasSize(1);
        return grants.getFirst();
    }

    @Test
    void aWriteEndOfAnEarlierChunkDoesNotDropAChunkBeingWrittenPastIt() {
        int inode = newFile();
        WriteGrant first = write(inode, 0);
        WriteGrant second = write(inode, 1);
        assertThat(state.namespace().getattr(inode).orThrow().length()).as("the file reaches the second chunk")
                .isEqualTo(CHUNK);

        // WRITE_CHUNK_END only ever grows a file: chunk 0 ends with 64 MiB, which the file already has
        state.chunks().writeEnd(first.chunkId());
        assertThat(state.namespace().getattr(inode).orThrow().length()).isEqualTo(CHUNK);
        assertThat(state.namespace().chunkAt(inode, 1).orThrow()).isEqualTo(second.chunkId());

        state.chunks().writeEnd(second.chunkId());
        assertThat(state.namespace().setLength(inode, CHUNK + 1, false)).isEqualTo(MfsStatus.OK);
        assertThat(state.namespace().chunkAt(inode, 0).orThrow()).isEqualTo(first.chunkId());
        assertThat(state.namespace().chunkAt(inode, 1).orThrow()).isEqualTo(second.chunkId());
        assertThat(state.chunks().chunks().get(second.chunkId()).fileCount()).isEqualTo(1);
    }

    @Test
    void removingAFileReleasesItsChunks() {
        int inode = newFile();
        WriteGrant grant = write(inode, 0);
        state.chunks().writeEnd(grant.chunkId());
        state.namespace().setLength(inode, 10, false);
        assertThat(state.chunks().chunks().get(grant.chunkId()).fileCount()).isEqualTo(1);

        state.namespace().setLength(inode, 0, false);

        assertThat(state.chunks().chunks().get(grant.chunkId()).fileCount()).isZero();
    }
}
