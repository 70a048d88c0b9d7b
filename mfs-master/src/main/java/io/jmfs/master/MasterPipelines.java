package io.jmfs.master;

import io.jmfs.daemon.net.ClosingPipeline;
import io.jmfs.master.net.chunkserver.ChunkserverPipeline;
import io.jmfs.master.net.client.ClientPipeline;
import io.jmfs.master.net.metalogger.MetaloggerPipeline;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.Objects;

/**
 * The pipelines of the master's three listeners: this is where the protocol handlers plug in. Each initializer
 * builds the pipeline of one accepted connection.
 *
 * @param metaloggers MATOML (port 9419): metaloggers and supervisors
 * @param chunkservers MATOCS (port 9420)
 * @param clients MATOCL (port 9421): mounts and tools
 */
public record MasterPipelines(ChannelInitializer<? extends Channel> metaloggers,
        ChannelInitializer<? extends Channel> chunkservers, ChannelInitializer<? extends Channel> clients) {

    public MasterPipelines {
        Objects.requireNonNull(metaloggers, "metaloggers");
        Objects.requireNonNull(chunkservers, "chunkservers");
        Objects.requireNonNull(clients, "clients");
    }

    /** Pipelines that close every connection: what runs while a protocol has no handler yet. */
    public static MasterPipelines closingAll() {
        return new MasterPipelines(new ClosingPipeline("the metalogger protocol"),
                new ClosingPipeline("the chunkserver protocol"), new ClosingPipeline("the client protocol"));
    }

    /** The protocols served on {@code state}: metaloggers, chunkservers and clients. */
    public static MasterPipelines serving(MasterState state) {
        return new MasterPipelines(new MetaloggerPipeline(state.metaloggers()), // metalogger port
                new ChunkserverPipeline(state.chunks(), state.chunkserverLinks(), state::metaId), // helper-10
                new ClientPipeline(state));
    }
}
