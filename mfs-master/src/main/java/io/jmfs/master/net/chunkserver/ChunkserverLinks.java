package io.jmfs.master.net.chunkserver;

import io.jmfs.master.chunks.ChunkserverGateway;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver;
import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The open connection of each registered chunkserver, by csid, and the chunk layer's commands written to them.
 * Used on the metadata loop only. A command for a server without a connection is dropped: the chunk layer learns
 * of the disconnection through {@link io.jmfs.master.chunks.ChunkManager#serverDisconnected} and settles it there.
 */
public final class ChunkserverLinks implements ChunkserverGateway {
    private final Map<Integer, Channel> channels = new HashMap<>();

    /** The connection now speaks for {@code csid}. */
    void attach(int csid, Channel channel) {
        Channel previous = channels.putIfAbsent(csid, Objects.requireNonNull(channel));
        if (previous != null && previous != channel) {
            throw new IllegalStateException("csid " + csid + " already has a connection");
        }
    }

    /** The connection of {@code csid} closed (only that connection is forgotten, never a newer one). */
    void detach(int csid, Channel channel) {
        channels.remove(csid, channel);
    }

    /** Whether {@code csid} has an open connection. */
    public boolean isLinked(int csid) {
        return channels.containsKey(csid);
    }

    private void send(int csid, MasterToChunkserver message) {
        Channel channel = channels.get(csid);
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(message);
        }
    }

    @Override
    public void create(int csid, long chunkId, int version) {
        send(csid, new MasterToChunkserver.Create(chunkId, version));
    }

    @Override
    public void delete(int csid, long chunkId, int version) {
        send(csid, new MasterToChunkserver.Delete(chunkId, version));
    }

    @Override
    public void duplicate(int csid, long newChunkId, int newVersion, long oldChunkId, int oldVersion) {
        send(csid, new MasterToChunkserver.Duplicate(newChunkId, newVersion, oldChunkId, oldVersion));
    }

    @Override
    public void setVersion(int csid, long chunkId, int newVersion, int oldVersion) {
        send(csid, new MasterToChunkserver.SetVersion(chunkId, newVersion, oldVersion));
    }

    @Override
    public void truncate(int csid, long chunkId, int length, int newVersion, int oldVersion) {
        send(csid, new MasterToChunkserver.Truncate(chunkId, length, newVersion, oldVersion));
    }

    @Override
    public void duplicateTruncate(int csid, long newChunkId, int newVersion, long oldChunkId, int oldVersion,
                                  int length) {
        send(csid, new MasterToChunkserver.DupTrunc(newChunkId, newVersion, oldChunkId, oldVersion, length));
    }

    @Override
    public void replicate(int destinationCsid, long chunkId, int version, int sourceIp, int sourcePort) {
        send(destinationCsid, new MasterToChunkserver.Replicate(chunkId, version, sourceIp, sourcePort));
    }
}
