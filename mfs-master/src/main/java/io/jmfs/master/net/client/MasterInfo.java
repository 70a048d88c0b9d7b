package io.jmfs.master.net.client;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;

/**
 * MATOCL_INFO (511), the 149-byte answer mfscli reads first: {@code version:32 memusage:64 syscpu:64 usercpu:64
 * total:64 avail:64 free:64 trash:64 trashnodes:32 sustained:64 sustainednodes:32 allnodes:32 dirnodes:32
 * filenodes:32 chunks:32 chunkcopies:32 tdcopies:32 laststore_ts:32 laststore_dur:32 laststore_status:8
 * state:8 nstate:8 stable:8 sync:8 leaderip:32 state_chg_time:32 meta_version:64 exports_checksum:64
 * usec_time:64 last_changelog_time:32}. The four state bytes are 0xFF as a master without HA reports them.
 */
record MasterInfo(int version, long memoryUsage, long totalSpace, long availSpace, long freeSpace, long trashSpace,
                  int trashNodes, long sustainedSpace, int sustainedNodes, int allNodes, int dirNodes, int fileNodes,
                  int chunks, int chunkCopies, long metaVersion, long exportsChecksum, long wallClockMicros)
        implements WireMessage {

    static final int SIZE = 149;

    @Override
    public int type() {
        return MessageType.MATOCL_INFO.id();
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(version);
        out.writeLong(memoryUsage);
        out.writeLong(0); // system cpu
        out.writeLong(0); // user cpu
        out.writeLong(totalSpace);
        out.writeLong(availSpace);
        out.writeLong(freeSpace);
        out.writeLong(trashSpace);
        out.writeInt(trashNodes);
        out.writeLong(sustainedSpace);
        out.writeInt(sustainedNodes);
        out.writeInt(allNodes);
        out.writeInt(dirNodes);
        out.writeInt(fileNodes);
        out.writeInt(chunks);
        out.writeInt(chunkCopies);
        out.writeInt(0); // copies with "to delete" status
        out.writeInt(0); // last metadata store: time
        out.writeInt(0); // duration
        out.writeByte(0); // status
        out.writeByte(0xFF);
        out.writeByte(0xFF);
        out.writeByte(0xFF);
        out.writeByte(0xFF);
        out.writeInt(0); // leader ip
        out.writeInt(0); // state change time
        out.writeLong(metaVersion);
        out.writeLong(exportsChecksum);
        out.writeLong(wallClockMicros);
        out.writeInt(0); // last changelog time
    }
}
