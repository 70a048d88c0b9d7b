package io.jmfs.master.net.client;

import io.jmfs.master.exports.DisabledOperation;
import io.jmfs.master.fs.NodeType;
import io.jmfs.master.sessions.Session;
import io.jmfs.protocol.msg.client.ChunkRequest;
import io.jmfs.protocol.msg.client.ClientRequest;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.ToolRequest;

/**
 * Which requests an export's {@code disable=...} option forbids (answered EPERM before anything else is checked,
 * as MooseFS does). The finer cases MooseFS passes down into the namespace (rename over an existing entry while
 * unlink/rmdir is disabled, setlength versus truncate) are not distinguished yet: a TRUNCATE is refused only when
 * both are disabled.
 */
final class DisabledOperations {
    private static final int OPEN_TRUNCATE = 0x08;

    private DisabledOperations() {
    }

    static boolean forbids(Session session, ClientRequest request) {
        if (session.grant().disables() == 0) {
            return false;
        }
        return switch (request) {
            case NamespaceRequest.SetAttr s -> (session.disabled(DisabledOperation.CHOWN)
                    && (s.setMask() & (NamespaceRequest.SetAttr.SET_UID | NamespaceRequest.SetAttr.SET_GID)) != 0)
                    || (session.disabled(DisabledOperation.CHMOD) && (s.setMask() & NamespaceRequest.SetAttr.SET_MODE) != 0);
            case NamespaceRequest.Symlink s -> session.disabled(DisabledOperation.SYMLINK);
            case NamespaceRequest.Mknod m -> switch (m.nodeType()) {
                case NodeType.FIFO -> session.disabled(DisabledOperation.MKFIFO);
                case NodeType.BLOCKDEV, NodeType.CHARDEV -> session.disabled(DisabledOperation.MKDEV);
                case NodeType.SOCKET -> session.disabled(DisabledOperation.MKSOCK);
                case NodeType.FILE -> session.disabled(DisabledOperation.CREATE);
                default -> false;
            };
            case NamespaceRequest.Mkdir m -> session.disabled(DisabledOperation.MKDIR);
            case NamespaceRequest.Unlink u -> session.disabled(DisabledOperation.UNLINK);
            case NamespaceRequest.Rmdir r -> session.disabled(DisabledOperation.RMDIR);
            case NamespaceRequest.Rename r -> {
                boolean rename = session.disabled(DisabledOperation.RENAME);
                boolean move = session.disabled(DisabledOperation.MOVE);
                yield (rename && move) || (rename && !r.srcName().equals(r.dstName()))
                        || (move && r.srcParent() != r.dstParent());
            }
            case NamespaceRequest.Link l -> session.disabled(DisabledOperation.LINK);
            case NamespaceRequest.Readdir r -> session.disabled(DisabledOperation.READDIR);
            case NamespaceRequest.Open o -> (o.flags() & OPEN_TRUNCATE) != 0 && session.disabled(DisabledOperation.TRUNCATE);
            case NamespaceRequest.Create c -> session.disabled(DisabledOperation.CREATE);
            case ChunkRequest.ReadChunk r -> session.disabled(DisabledOperation.READ);
            case ChunkRequest.WriteChunk w -> session.disabled(DisabledOperation.WRITE);
            case ChunkRequest.Truncate t -> session.disabled(DisabledOperation.TRUNCATE)
                    && session.disabled(DisabledOperation.SETLENGTH);
            case ToolRequest.SetTrashTime s -> session.disabled(DisabledOperation.SETTRASH);
            case ToolRequest.SetSclass s -> session.disabled(DisabledOperation.SETSCLASS);
            case ToolRequest.SetEattr s -> session.disabled(DisabledOperation.SETEATTR);
            // as 3.0.117: setting or clearing archive flags falls under the seteattr switch
            case ToolRequest.ArchCtl a -> a.cmd() != ToolRequest.ArchCtl.GET
                    && session.disabled(DisabledOperation.SETEATTR);
            case NamespaceRequest.SetXattr s -> session.disabled(DisabledOperation.SETXATTR);
            // mfsrmsnapshot sends the same packet in remove mode (0x80), which removing entries may not bypass
            case ToolRequest.Snapshot s -> (s.smode() & 0x80) != 0
                    ? session.disabled(DisabledOperation.UNLINK) || session.disabled(DisabledOperation.RMDIR)
                    : session.disabled(DisabledOperation.SNAPSHOT);
            case ToolRequest.AppendSlice a -> session.disabled(DisabledOperation.APPENDCHUNKS);
            default -> false;
        };
    }
}
