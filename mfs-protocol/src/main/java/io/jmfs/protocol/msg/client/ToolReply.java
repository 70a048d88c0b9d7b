package io.jmfs.protocol.msg.client;

import static io.jmfs.protocol.msg.client.ReplyTypes.requireType;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.WireWriter;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Answers to {@link ToolRequest}s: per-inode policy summaries, set results, dir stats, checks, paths, classes. */
public sealed interface ToolReply extends MasterReply {

    /** A (value, number of nodes with it) pair in the GET* summaries. */
    record ValueCount(int value, int count) {
    }

    /** {@code msgid:32 fcnt:32 dcnt:32 fcnt*[trashtime:32 n:32] dcnt*[trashtime:32 n:32]} (files first). */
    record GetTrashTime(int msgid, List<ValueCount> files, List<ValueCount> dirs) implements ToolReply {
        public GetTrashTime {
            files = List.copyOf(files);
            dirs = List.copyOf(dirs);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETTRASHTIME.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(files.size());
            out.writeInt(dirs.size());
            for (ValueCount v : files) {
                out.writeInt(v.value());
                out.writeInt(v.count());
            }
            for (ValueCount v : dirs) {
                out.writeInt(v.value());
                out.writeInt(v.count());
            }
        }
    }

    /** {@code msgid:32 changed:32 notchanged:32 notpermitted:32}: the answer to SETTRASHTIME, SETSCLASS, SETEATTR. */
    record SetResult(int type, int msgid, int changed, int notChanged, int notPermitted) implements ToolReply {
        static final Set<MessageType> TYPES = Set.of(MessageType.MATOCL_FUSE_SETTRASHTIME,
                MessageType.MATOCL_FUSE_SETSCLASS, MessageType.MATOCL_FUSE_SETEATTR);

        public SetResult {
            requireType(type, TYPES);
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(changed);
            out.writeInt(notChanged);
            out.writeInt(notPermitted);
        }
    }

    /** A GETSCLASS entry: {@code id:8 n:32} for ids below 0xFF, or {@code 0xFF name:NAME n:32}. */
    record SclassCount(int classId, Optional<ByteString> name, int count) {
        public static final int NAMED = 0xFF;

        public SclassCount {
            if ((classId == NAMED) != name.isPresent()) {
                throw new IllegalArgumentException("a storage class name goes with id 0xFF and only with it");
            }
        }
    }

    /** {@code msgid:32 fcnt:8 dcnt:8 fcnt*ENTRY dcnt*ENTRY} with ENTRY as in {@link SclassCount} (files first). */
    record GetSclass(int msgid, List<SclassCount> files, List<SclassCount> dirs) implements ToolReply {
        public GetSclass {
            files = List.copyOf(files);
            dirs = List.copyOf(dirs);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETSCLASS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(files.size());
            out.writeByte(dirs.size());
            for (List<SclassCount> l : List.of(files, dirs)) {
                for (SclassCount c : l) {
                    out.writeByte(c.classId());
                    c.name().ifPresent(n -> WireWriter.name(out, n));
                    out.writeInt(c.count());
                }
            }
        }
    }

    /** {@code msgid:32 fcnt:8 dcnt:8 fcnt*[eattr:8 n:32] dcnt*[eattr:8 n:32]} (files first). */
    record GetEattr(int msgid, List<ValueCount> files, List<ValueCount> dirs) implements ToolReply {
        public GetEattr {
            files = List.copyOf(files);
            dirs = List.copyOf(dirs);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETEATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(files.size());
            out.writeByte(dirs.size());
            for (List<ValueCount> l : List.of(files, dirs)) {
                for (ValueCount v : l) {
                    out.writeByte(v.value());
                    out.writeInt(v.count());
                }
            }
        }
    }

    /**
     * Mounts get the 60-byte form {@code msgid:32 inodes:32 dirs:32 files:32 0:32 0:32 chunks:32 0:32 0:32
     * length:64 size:64 realsize:64}; unproxied tools the 44-byte form {@code msgid:32 inodes:32 dirs:32 files:32
     * chunks:32 length:64 size:64 realsize:64}.
     */
    record GetDirStats(int msgid, int inodes, int dirs, int files, int chunks, long length, long size, long realSize,
                       boolean mountForm) implements ToolReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETDIRSTATS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inodes);
            out.writeInt(dirs);
            out.writeInt(files);
            if (mountForm) {
                out.writeInt(0);
                out.writeInt(0);
            }
            out.writeInt(chunks);
            if (mountForm) {
                out.writeInt(0);
                out.writeInt(0);
            }
            out.writeLong(length);
            out.writeLong(size);
            out.writeLong(realSize);
        }
    }

    /** {@code msgid:32 count:32*N}: how many chunks have 0, 1, ... copies (3.0.117 sends 12 counts). */
    record CheckCounts(int msgid, List<Integer> counts) implements ToolReply {
        public CheckCounts {
            counts = List.copyOf(counts);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_CHECK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            counts.forEach(out::writeInt);
        }
    }

    /** One copy of a checked chunk: {@code ip:32 port:16 type:8}. */
    record CheckCopy(int ip, int port, int copyType) {
    }

    /** {@code msgid:32 chunkid:64 version:32 N*[ip:32 port:16 type:8]}: the copies of one chunk. */
    record CheckChunk(int msgid, long chunkId, int version, List<CheckCopy> copies) implements ToolReply {
        public CheckChunk {
            copies = List.copyOf(copies);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_CHECK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(chunkId);
            out.writeInt(version);
            for (CheckCopy c : copies) {
                out.writeInt(c.ip());
                out.writeShort(c.port());
                out.writeByte(c.copyType());
            }
        }
    }

    /** {@code msgid:32 N*[len:32 path[len]]} (no NUL). */
    record Paths(int msgid, List<ByteString> paths) implements ToolReply {
        public Paths {
            paths = List.copyOf(paths);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_PATHS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            paths.forEach(p -> WireWriter.string32(out, p));
        }
    }

    /** {@code msgid:32 N*NAME}: storage class names, the answer to a short-mode SCLASS_LIST. */
    record SclassList(int msgid, List<ByteString> names) implements ToolReply {
        public SclassList {
            names = List.copyOf(names);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_SCLASS_LIST.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            names.forEach(n -> WireWriter.name(out, n));
        }
    }

    /**
     * The ARCHCTL GET answer: {@code msgid:32 archchunks:64 notarchchunks:64 archinodes:32 partialinodes:32
     * notarchinodes:32} (files with all, some, none of their chunks archived).
     */
    record ArchiveCounts(int msgid, long archivedChunks, long notArchivedChunks, int archivedInodes,
                         int partialInodes, int notArchivedInodes) implements ToolReply {
        public static final int SIZE = 32;

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_ARCHCTL.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(archivedChunks);
            out.writeLong(notArchivedChunks);
            out.writeInt(archivedInodes);
            out.writeInt(partialInodes);
            out.writeInt(notArchivedInodes);
        }
    }

    /** The ARCHCTL SET/CLR answer: {@code msgid:32 chunkschanged:64 chunksnotchanged:64 inodesnotpermitted:32}. */
    record ArchiveChanged(int msgid, long changedChunks, long notChangedChunks, int notPermittedInodes)
            implements ToolReply {
        public static final int SIZE = 24;

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_ARCHCTL.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(changedChunks);
            out.writeLong(notChangedChunks);
            out.writeInt(notPermittedInodes);
        }
    }

    /**
     * QUOTACONTROL's answer: {@code msgid:32 qflags:8 [graceperiod:32] LIMITS curinodes:32 curlength:64 cursize:64
     * currealsize:64} (93 bytes to 3.0.9+ clients, 89 without the grace period), LIMITS as in
     * {@link ToolRequest.QuotaLimits}: the directory's limits after the request and its current usage.
     */
    record QuotaControl(int msgid, int flags, ToolRequest.QuotaLimits limits, int curInodes, long curLength,
                        long curSize, long curRealSize) implements ToolReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_QUOTACONTROL.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(flags);
            limits.encode(out);
            out.writeInt(curInodes);
            out.writeLong(curLength);
            out.writeLong(curSize);
            out.writeLong(curRealSize);
        }
    }
}
