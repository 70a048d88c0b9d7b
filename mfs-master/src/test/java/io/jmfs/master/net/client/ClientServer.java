package io.jmfs.master.net.client;

import io.jmfs.daemon.net.ListenerSpec;
import io.jmfs.daemon.net.NetServer;
import io.jmfs.daemon.net.Transport;
import io.jmfs.master.MasterState;
import io.jmfs.master.exports.EtcFilesUserDirectory;
import io.jmfs.master.exports.ExportsParser;
import io.jmfs.master.fs.MetaClock;
import io.jmfs.master.fs.NamespaceSettings;
import io.jmfs.master.loop.NettyMetadataLoop;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Our client protocol on a loopback port, served on a real metadata loop, for tests. */
final class ClientServer implements AutoCloseable {
    static final long META_ID = 0x1122334455667788L;

    private final NettyMetadataLoop loop;
    private final MasterState state;
    private final NetServer server;

    ClientServer(String exports) throws Exception {
        this(exports, Transport.preferred());
    }

    ClientServer(String exports, Transport transport) throws Exception {
        loop = new NettyMetadataLoop("test-meta", transport);
        state = new MasterState(MetaClock.system(),
                new ExportsParser(EtcFilesUserDirectory.system()).parse("mfsexports.cfg", exports).rules(),
                NamespaceSettings.DEFAULTS, 3600, META_ID);
        server = NetServer.start("test", List.of(new ListenerSpec("clients", "127.0.0.1", 0,
                new ClientPipeline(state))), loop.group(), loop.transport());
    }

    InetSocketAddress address() {
        return server.address("clients");
    }

    WireClient connect() {
        return new WireClient(address());
    }

    /** Reads the state on its own thread. */
    <T> T onLoop(Function<MasterState, T> read) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        loop.runAndWait(() -> result.set(read.apply(state)));
        return result.get();
    }

    String listing() throws InterruptedException {
        return onLoop(s -> s.namespace().canonicalListing());
    }

    @Override
    public void close() {
        server.close();
        loop.close();
    }
}
