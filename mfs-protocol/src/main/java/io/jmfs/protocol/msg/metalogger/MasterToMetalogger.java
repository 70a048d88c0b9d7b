package io.jmfs.protocol.msg.metalogger;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Crc32;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.WireWriter;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;

/** Packets the master sends to a metalogger on port 9419. Decoding is {@link MetaloggerMessages#decodeFromMaster}. */
public sealed interface MasterToMetalogger extends WireMessage {

    int LOG_DATA = 0xFF;
    int LOG_DATA_WITH_ACK = 0xAA;
    int LOG_ROTATE = 0x55;

    /**
     * MATOAN_METACHANGES_LOG: {@code FF version:64 text NUL}, one changelog line without its {@code "<version>: "}
     * prefix. The {@code AA} variant (ack requested) exists in the header but a 3.0.117 metalogger does not
     * understand it, so a master never sends it.
     */
    record ChangelogEntry(boolean ackRequested, long version, ByteString line) implements MasterToMetalogger {
        public ChangelogEntry {
            for (int i = 0; i < line.length(); i++) {
                if (line.byteAt(i) == 0) {
                    throw new IllegalArgumentException("changelog line contains NUL");
                }
            }
        }

        public static ChangelogEntry of(long version, String line) {
            return new ChangelogEntry(false, version, ByteString.utf8(line));
        }

        @Override
        public int type() {
            return MessageType.MATOAN_METACHANGES_LOG.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(ackRequested ? LOG_DATA_WITH_ACK : LOG_DATA);
            out.writeLong(version);
            WireWriter.bytes(out, line);
            out.writeByte(0);
        }
    }

    /** MATOAN_METACHANGES_LOG: {@code 55}, rotate the changelog files. */
    record RotateLogs() implements MasterToMetalogger {
        @Override
        public int type() {
            return MessageType.MATOAN_METACHANGES_LOG.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(LOG_ROTATE);
        }
    }

    /** MATOAN_DOWNLOAD_INFO: {@code length:64}, the file's size (0 for an absent changelog). */
    record DownloadInfo(long length) implements MasterToMetalogger {
        @Override
        public int type() {
            return MessageType.MATOAN_DOWNLOAD_INFO.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(length);
        }
    }

    /** MATOAN_DOWNLOAD_INFO: {@code status:8}, the file cannot be sent (0xFF from 3.0.117). */
    record DownloadRefused(int status) implements MasterToMetalogger {
        @Override
        public int type() {
            return MessageType.MATOAN_DOWNLOAD_INFO.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(status);
        }
    }

    /** MATOAN_DOWNLOAD_DATA: {@code offset:64 leng:32 crc:32 data[leng]}. */
    record DownloadData(long offset, int crc, ByteString data) implements MasterToMetalogger {
        public static DownloadData of(long offset, ByteString data) {
            return new DownloadData(offset, Crc32.of(data.unsafeArray()), data);
        }

        public boolean crcMatches() {
            return Crc32.of(data.unsafeArray()) == crc;
        }

        @Override
        public int type() {
            return MessageType.MATOAN_DOWNLOAD_DATA.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(offset);
            out.writeInt(data.length());
            out.writeInt(crc);
            WireWriter.bytes(out, data);
        }
    }
}
