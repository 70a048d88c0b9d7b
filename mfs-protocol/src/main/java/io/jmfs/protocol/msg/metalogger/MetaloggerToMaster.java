package io.jmfs.protocol.msg.metalogger;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import java.util.OptionalLong;

/**
 * Packets a metalogger sends to the master on port 9419. Decoding is
 * {@link MetaloggerMessages#decodeFromMetalogger}.
 */
public sealed interface MetaloggerToMaster extends WireMessage {

    /** Download file numbers: the metadata backup, sessions, and the two newest changelogs. */
    int FILE_METADATA = 1;
    int FILE_SESSIONS = 2;
    int FILE_CHANGELOG_0 = 11;
    int FILE_CHANGELOG_1 = 12;

    /**
     * ANTOMA_REGISTER: {@code 01 version:32 timeout:16} on first start (7 bytes), or {@code 02 version:32 timeout:16
     * nextversion:64} (15 bytes) when the metalogger already has changelogs and wants the entries from nextversion.
     */
    record Register(int version, int timeout, OptionalLong nextVersion) implements MetaloggerToMaster {
        @Override
        public int type() {
            return MessageType.ANTOMA_REGISTER.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(nextVersion.isPresent() ? 2 : 1);
            out.writeInt(version);
            out.writeShort(timeout);
            nextVersion.ifPresent(out::writeLong);
        }
    }

    /** ANTOMA_DOWNLOAD_START: {@code filenum:8}. */
    record DownloadStart(int fileNumber) implements MetaloggerToMaster {
        @Override
        public int type() {
            return MessageType.ANTOMA_DOWNLOAD_START.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(fileNumber);
        }
    }

    /** ANTOMA_DOWNLOAD_REQUEST: {@code offset:64 leng:32}. */
    record DownloadRequest(long offset, int length) implements MetaloggerToMaster {
        @Override
        public int type() {
            return MessageType.ANTOMA_DOWNLOAD_REQUEST.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(offset);
            out.writeInt(length);
        }
    }

    /** ANTOMA_DOWNLOAD_END: {@code -}. */
    record DownloadEnd() implements MetaloggerToMaster {
        @Override
        public int type() {
            return MessageType.ANTOMA_DOWNLOAD_END.id();
        }

        @Override
        public void encode(ByteBuf out) {
        }
    }
}
