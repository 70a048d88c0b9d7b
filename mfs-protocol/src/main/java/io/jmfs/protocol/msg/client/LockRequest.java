package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.MessageType;
import io.netty.buffer.ByteBuf;

/** Requests for advisory locks: BSD {@code flock} and POSIX byte-range locks. */
public sealed interface LockRequest extends ClientRequest {

    /** {@code msgid:32 inode:32 reqid:32 owner:64 cmd:8}. */
    record Flock(int msgid, int inode, int reqId, long owner, int cmd) implements LockRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_FLOCK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(reqId);
            out.writeLong(owner);
            out.writeByte(cmd);
        }
    }

    /** {@code msgid:32 inode:32 reqid:32 owner:64 pid:32 cmd:8 type:8 start:64 end:64}. */
    record PosixLock(int msgid, int inode, int reqId, long owner, int pid, int cmd, int lockType, long start, long end)
            implements LockRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_POSIX_LOCK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(reqId);
            out.writeLong(owner);
            out.writeInt(pid);
            out.writeByte(cmd);
            out.writeByte(lockType);
            out.writeLong(start);
            out.writeLong(end);
        }
    }
}
