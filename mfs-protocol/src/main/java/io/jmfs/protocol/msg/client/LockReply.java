package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.MessageType;
import io.netty.buffer.ByteBuf;

/** Answers to {@link LockRequest}s beyond a plain status: the conflicting POSIX lock. */
public sealed interface LockReply extends MasterReply {

    /** {@code msgid:32 pid:32 type:8 start:64 end:64}: the conflicting lock for a GET request. */
    record PosixLockInfo(int msgid, int pid, int lockType, long start, long end) implements LockReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_POSIX_LOCK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(pid);
            out.writeByte(lockType);
            out.writeLong(start);
            out.writeLong(end);
        }
    }
}
