package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.WireWriter;
import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Requests the mfs tools send (mfsgettrashtime, mfssetsclass, mfsgeteattr, mfsdirinfo, mfscheckfile, mfsmakesnapshot,
 * mfsfilepaths, mfsscadmin ...): per-inode policies and summaries rather than file-system operations. New tool calls
 * belong here.
 */
public sealed interface ToolRequest extends ClientRequest {

    /** {@code msgid:32 inode:32 gmode:8}. */
    record GetTrashTime(int msgid, int inode, int gmode) implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETTRASHTIME.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(gmode);
        }
    }

    /** {@code msgid:32 inode:32 uid:32 trashtime:32 smode:8}. */
    record SetTrashTime(int msgid, int inode, int uid, int trashTime, int smode) implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SETTRASHTIME.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(uid);
            out.writeInt(trashTime);
            out.writeByte(smode);
        }
    }

    /** {@code msgid:32 inode:32 gmode:8}. */
    record GetSclass(int msgid, int inode, int gmode) implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETSCLASS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(gmode);
        }
    }

    /**
     * Two forms: {@code msgid:32 inode:32 uid:32 goal:8 smode:8} (mfssetgoal; goal 1..9) or
     * {@code msgid:32 inode:32 uid:32 0xFF smode:8 [src:NAME] dst:NAME} (storage class by name; src only for
     * SMODE_EXCHANGE, smode&3 == 3). In the named form {@link #goal()} is 0xFF.
     */
    record SetSclass(int msgid, int inode, int uid, int goal, int smode, Optional<ByteString> srcClass,
                     Optional<ByteString> dstClass) implements ToolRequest {
        public static final int NAMED = 0xFF;
        public static final int SMODE_EXCHANGE = 3;
        public static final int SMODE_TMASK = 3;

        public SetSclass {
            boolean named = goal == NAMED;
            if (named != dstClass.isPresent()) {
                throw new IllegalArgumentException("a storage class name goes with goal 0xFF and only with it");
            }
            if (srcClass.isPresent() != (named && (smode & SMODE_TMASK) == SMODE_EXCHANGE)) {
                throw new IllegalArgumentException("a source class name goes with SMODE_EXCHANGE and only with it");
            }
        }

        /** The classic goal form. */
        public static SetSclass goal(int msgid, int inode, int uid, int goal, int smode) {
            return new SetSclass(msgid, inode, uid, goal, smode, Optional.empty(), Optional.empty());
        }

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SETSCLASS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(uid);
            out.writeByte(goal);
            out.writeByte(smode);
            srcClass.ifPresent(n -> WireWriter.name(out, n));
            dstClass.ifPresent(n -> WireWriter.name(out, n));
        }
    }

    /** {@code msgid:32 inode:32 gmode:8}. */
    record GetEattr(int msgid, int inode, int gmode) implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETEATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(gmode);
        }
    }

    /** {@code msgid:32 inode:32 uid:32 eattr:8 smode:8}. */
    record SetEattr(int msgid, int inode, int uid, int eattr, int smode) implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SETEATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(uid);
            out.writeByte(eattr);
            out.writeByte(smode);
        }
    }

    /** {@code msgid:32 inode:32}. */
    record GetDirStats(int msgid, int inode) implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETDIRSTATS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
        }
    }

    /** {@code msgid:32 inode:32 [indx:32]}: copy counts of all chunks, or the copies of one chunk. */
    record Check(int msgid, int inode, OptionalInt index) implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_CHECK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            index.ifPresent(out::writeInt);
        }
    }

    /** {@code msgid:32 inode:32 dstparent:32 name:NAME uid:32 GIDS smode:8 umask:16}. */
    record Snapshot(int msgid, int inode, int dstParent, ByteString name, int uid, Gids gids, int smode, int umask)
            implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SNAPSHOT.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(dstParent);
            WireWriter.name(out, name);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            out.writeByte(smode);
            out.writeShort(umask);
        }
    }

    /**
     * mfsappendchunks: {@code msgid:32 flags:8 inode:32 srcinode:32 slice_from:32 slice_to:32 uid:32 gcnt:32
     * gcnt*[gid:32]} (the 3.0.92+ form). Appends chunks {@code [sliceFrom, sliceTo)} of {@code srcInode} to
     * {@code inode}; {@link #FROM_NEG}/{@link #TO_NEG} in {@code flags} count that end back from the source's end.
     * The default slice (the whole file) is 0 to {@link #WHOLE_FILE_TO}. {@code gids} is always the counted form.
     */
    record AppendSlice(int msgid, int flags, int inode, int srcInode, int sliceFrom, int sliceTo, int uid, Gids gids)
            implements ToolRequest {
        public static final int FROM_NEG = 0x01;
        public static final int TO_NEG = 0x02;
        public static final int WHOLE_FILE_TO = 0x80000000;

        public AppendSlice {
            if ((flags & ~(FROM_NEG | TO_NEG)) != 0) {
                throw new IllegalArgumentException("unknown APPEND_SLICE flags 0x" + Integer.toHexString(flags));
            }
            if (!gids.counted()) {
                throw new IllegalArgumentException("APPEND_SLICE carries the counted gid list");
            }
        }

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_APPEND_SLICE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(flags);
            out.writeInt(inode);
            out.writeInt(srcInode);
            out.writeInt(sliceFrom);
            out.writeInt(sliceTo);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /** {@code msgid:32 inode:32}. */
    record Paths(int msgid, int inode) implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_PATHS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
        }
    }

    /** {@code msgid:32 longmode:8}: the storage class names (tools); only the short form (0) is decoded in replies. */
    record SclassList(int msgid, int longMode) implements ToolRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_SCLASS_LIST.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(longMode);
        }
    }

    /**
     * CLTOMA_FUSE_ARCHCTL: {@code msgid:32 inode:32 cmd:8} for {@link #GET} (mfschkarchive), or
     * {@code msgid:32 inode:32 cmd:8 uid:32} for {@link #SET} (mfssetarchive) and {@link #CLR} (mfsclrarchive).
     * The uid is present exactly when the command is not GET.
     */
    record ArchCtl(int msgid, int inode, int cmd, OptionalInt uid) implements ToolRequest {
        public static final int CLR = 0;
        public static final int SET = 1;
        public static final int GET = 2;

        public ArchCtl {
            if (cmd < 0 || cmd > 0xFF) {
                throw new IllegalArgumentException("archive command out of range: " + cmd);
            }
            if ((cmd == GET) == uid.isPresent()) {
                throw new IllegalArgumentException("a uid goes with the SET and CLR forms and only with them");
            }
        }

        public static ArchCtl get(int msgid, int inode) {
            return new ArchCtl(msgid, inode, GET, OptionalInt.empty());
        }

        public static ArchCtl change(int msgid, int inode, int cmd, int uid) {
            return new ArchCtl(msgid, inode, cmd, OptionalInt.of(uid));
        }

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_ARCHCTL.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(cmd);
            uid.ifPresent(out::writeInt);
        }
    }

    /**
     * QUOTACONTROL, three forms told apart by length: {@code msgid:32 inode:32 qflags:8} (9 bytes: delete the
     * limits named by qflags; qflags 0 only reads), {@code ... qflags:8 LIMITS} (65 bytes: set) and
     * {@code ... qflags:8 graceperiod:32 LIMITS} (69 bytes: set with a grace period; tools of 3.0.9 and later),
     * LIMITS being {@code sinodes:32 slength:64 ssize:64 srealsize:64 hinodes:32 hlength:64 hsize:64 hrealsize:64}.
     */
    record QuotaControl(int msgid, int inode, int flags, Optional<QuotaLimits> set) implements ToolRequest {
        /** A read: no flags, no limits (what mfsgetquota sends). */
        public static QuotaControl get(int msgid, int inode) {
            return new QuotaControl(msgid, inode, 0, Optional.empty());
        }

        /** Deletes the limits named by {@code flags}. */
        public static QuotaControl delete(int msgid, int inode, int flags) {
            return new QuotaControl(msgid, inode, flags, Optional.empty());
        }

        public QuotaControl {
            if ((flags & ~0xFF) != 0) {
                throw new IllegalArgumentException("qflags is 8 bits: " + flags);
            }
        }

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_QUOTACONTROL.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(flags);
            set.ifPresent(l -> l.encode(out));
        }
    }

    /**
     * The limits a QUOTACONTROL set carries (and its answer echoes); {@code gracePeriod} is absent in the 65-byte
     * request and the 89-byte answer of masters before 3.0.9, 0 meaning "the master's default".
     */
    record QuotaLimits(OptionalInt gracePeriod, int sinodes, long slength, long ssize, long srealsize, int hinodes,
                       long hlength, long hsize, long hrealsize) {
        public static final int SIZE_WITHOUT_GRACE = 56;

        void encode(ByteBuf out) {
            gracePeriod.ifPresent(out::writeInt);
            out.writeInt(sinodes);
            out.writeLong(slength);
            out.writeLong(ssize);
            out.writeLong(srealsize);
            out.writeInt(hinodes);
            out.writeLong(hlength);
            out.writeLong(hsize);
            out.writeLong(hrealsize);
        }
    }
}
