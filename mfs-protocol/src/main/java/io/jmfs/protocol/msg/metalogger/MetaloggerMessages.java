package io.jmfs.protocol.msg.metalogger;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.codec.WireReader;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.ChangelogEntry;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadData;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadInfo;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadRefused;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.RotateLogs;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadEnd;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadRequest;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadStart;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.Register;
import io.netty.buffer.ByteBuf;
import java.util.OptionalLong;

/** Decoders for the master&lt;-&gt;metalogger link (9419); NOPs are common messages. */
public final class MetaloggerMessages {
    private MetaloggerMessages() {
    }

    public static MetaloggerToMaster decodeFromMetalogger(int type, ByteBuf payload) throws MalformedPacketException {
        WireReader r = new WireReader(type, payload);
        MessageType t = MessageType.of(type).orElseThrow(() -> r.malformed("unknown metalogger packet"));
        MetaloggerToMaster m = switch (t) {
            case ANTOMA_REGISTER -> {
                int rver = r.u8("rver");
                if (rver != 1 && rver != 2) {
                    throw r.malformed("unsupported register version " + rver);
                }
                int version = r.u32("version");
                int timeout = r.u16("timeout");
                yield new Register(version, timeout, rver == 2 ? OptionalLong.of(r.u64("nextversion"))
                        : OptionalLong.empty());
            }
            case ANTOMA_DOWNLOAD_START -> new DownloadStart(r.u8("filenum"));
            case ANTOMA_DOWNLOAD_REQUEST -> new DownloadRequest(r.u64("offset"), r.u32("leng"));
            case ANTOMA_DOWNLOAD_END -> new DownloadEnd();
            default -> throw r.malformed("not a metalogger-to-master packet this decoder knows");
        };
        r.end();
        return m;
    }

    public static MasterToMetalogger decodeFromMaster(int type, ByteBuf payload) throws MalformedPacketException {
        WireReader r = new WireReader(type, payload);
        MessageType t = MessageType.of(type).orElseThrow(() -> r.malformed("unknown master packet"));
        MasterToMetalogger m = switch (t) {
            case MATOAN_METACHANGES_LOG -> changes(r);
            case MATOAN_DOWNLOAD_INFO -> r.remaining() == 1 ? new DownloadRefused(r.u8("status"))
                    : new DownloadInfo(r.u64("length"));
            case MATOAN_DOWNLOAD_DATA -> {
                long offset = r.u64("offset");
                int length = r.u32("leng");
                int crc = r.u32("crc");
                if (length != r.remaining()) {
                    throw r.malformed("leng " + Integer.toUnsignedString(length) + " does not match " + r.remaining()
                            + " data bytes");
                }
                yield new DownloadData(offset, crc, r.byteString(length, "data"));
            }
            default -> throw r.malformed("not a master-to-metalogger packet this decoder knows");
        };
        r.end();
        return m;
    }

    private static MasterToMetalogger changes(WireReader r) throws MalformedPacketException {
        int kind = r.u8("log kind");
        if (kind == MasterToMetalogger.LOG_ROTATE) {
            return new RotateLogs();
        }
        if (kind != MasterToMetalogger.LOG_DATA && kind != MasterToMetalogger.LOG_DATA_WITH_ACK) {
            throw r.malformed("unknown log kind 0x" + Integer.toHexString(kind));
        }
        long version = r.u64("version");
        if (r.remaining() < 1) {
            throw r.malformed("changelog line is not NUL-terminated");
        }
        ByteString line = r.byteString(r.remaining() - 1, "line");
        if (r.u8("NUL") != 0) {
            throw r.malformed("changelog line is not NUL-terminated");
        }
        try {
            return new ChangelogEntry(kind == MasterToMetalogger.LOG_DATA_WITH_ACK, version, line);
        } catch (IllegalArgumentException e) {
            throw r.malformed(e.getMessage());
        }
    }
}
