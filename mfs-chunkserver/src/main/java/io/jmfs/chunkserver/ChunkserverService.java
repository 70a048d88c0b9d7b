package io.jmfs.chunkserver;

import io.jmfs.chunkserver.config.ChunkserverConfig;
import io.jmfs.chunkserver.net.data.DataPipeline;
import io.jmfs.chunkserver.net.data.Ipv4;
import io.jmfs.chunkserver.net.master.LabelMask;
import io.jmfs.chunkserver.net.master.MasterLink;
import io.jmfs.chunkserver.net.master.MasterLinkSettings;
import io.jmfs.chunkserver.replication.Replicator;
import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.chunkserver.storage.chunk.StorageOptions;
import io.jmfs.chunkserver.storage.disk.HddConfig;
import io.jmfs.chunkserver.storage.disk.HddConfigEntry;
import io.jmfs.daemon.DaemonService;
import io.jmfs.daemon.config.CommonKeys;
import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.net.ListenerSpec;
import io.jmfs.daemon.net.NetServer;
import io.jmfs.daemon.net.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The chunkserver daemon: opens the disks of HDD_CONF_FILENAME (scanned in the background), serves the data port
 * CSSERV_LISTEN_HOST/PORT, and keeps a registered link to MASTER_HOST/PORT. Ready once the port is bound; the
 * master link connects (and reconnects) by itself.
 */
public final class ChunkserverService implements DaemonService {
    private static final Logger log = LoggerFactory.getLogger(ChunkserverService.class);

    public static final String DATA_LISTENER = "clients and chunkservers (CSSERV)";

    private ChunkStorage storage;
    private NetServer server;
    private EventLoopGroup clientLoops;
    private MasterLink masterLink;
    private final Runnable unrecoverable;

    /** A service that, on an unrecoverable fault (a master of another instance), only stops its master link. */
    public ChunkserverService() {
        this(() -> { });
    }

    /**
     * A service that runs {@code unrecoverable} on a fault no retry can fix (the master has another metaid): the
     * daemon passes an action that ends the process, as MooseFS's chunkserver exits then.
     */
    public ChunkserverService(Runnable unrecoverable) {
        this.unrecoverable = unrecoverable;
    }

    @Override
    public void start(Config config) throws IOException, InterruptedException {
        Path dataDir = config.get(CommonKeys.DATA_PATH);
        List<HddConfigEntry> disks = HddConfig.read(config.get(ChunkserverConfig.HDD_CONF_FILENAME));
        if (disks.isEmpty()) {
            throw new IOException("no data disks defined in " + config.get(ChunkserverConfig.HDD_CONF_FILENAME));
        }
        Transport transport = Transport.preferred();
        clientLoops = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("mfschunkserver-out"),
                transport.ioHandlerFactory());
        int labels = LabelMask.parse(config.get(ChunkserverConfig.LABELS));
        masterLink = new MasterLink(dataDir, clientLoops.next(), transport, unrecoverable);
        storage = ChunkStorage.open(disks, storageOptions(config), masterLink, masterLink.storedMetaId());
        if (storage.disks().isEmpty()) {
            throw new IOException("no usable data disk: " + storage.refusedDisks());
        }
        ListenerSpec data = new ListenerSpec(DATA_LISTENER, config.get(ChunkserverConfig.CSSERV_LISTEN_HOST),
                config.get(ChunkserverConfig.CSSERV_LISTEN_PORT), new DataPipeline(storage));
        server = NetServer.start("mfschunkserver", List.of(data), 0, transport);
        InetSocketAddress bound = server.address(DATA_LISTENER);
        int myIp = config.get(ChunkserverConfig.CSSERV_LISTEN_HOST).equals("*") ? 0
                : Ipv4.toInt(bound.getAddress());
        masterLink.start(settings(config, myIp, bound.getPort(), labels), storage, new Replicator(storage, clientLoops, transport));
        log.info("data port {}, master {}:{}", bound, config.get(ChunkserverConfig.MASTER_HOST),
                config.get(ChunkserverConfig.MASTER_PORT));
    }

    private static MasterLinkSettings settings(Config config, int myIp, int myPort, int labels) {
        String bind = config.get(ChunkserverConfig.BIND_HOST);
        String auth = config.get(ChunkserverConfig.AUTH_CODE);
        return new MasterLinkSettings(config.get(ChunkserverConfig.MASTER_HOST),
                config.get(ChunkserverConfig.MASTER_PORT), bind.equals("*") ? Optional.empty() : Optional.of(bind),
                config.get(ChunkserverConfig.MASTER_TIMEOUT),
                Duration.ofSeconds(config.get(ChunkserverConfig.MASTER_RECONNECTION_DELAY)), myIp, myPort, labels,
                auth.isEmpty() ? Optional.empty() : Optional.of(auth),
                config.get(ChunkserverConfig.CHUNKS_PER_REGISTER_PACKET));
    }

    private static StorageOptions storageOptions(Config config) {
        int freq = config.get(ChunkserverConfig.HDD_TEST_FREQ);
        return StorageOptions.defaults()
                .withLeaveFreeDefault(config.get(ChunkserverConfig.HDD_LEAVE_SPACE_DEFAULT))
                .withErrorTolerance(config.get(ChunkserverConfig.HDD_ERROR_TOLERANCE_COUNT))
                .withFsyncBeforeClose(config.get(ChunkserverConfig.HDD_FSYNC_BEFORE_CLOSE))
                .withTestInterval(Duration.ofSeconds(freq));
    }

    @Override
    public void stop() {
        if (masterLink != null) {
            masterLink.close();
            masterLink = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (clientLoops != null) {
            clientLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            clientLoops = null;
        }
        if (storage != null) {
            storage.close();
            storage = null;
        }
    }

    /** Where the data listener is bound, while running. */
    public InetSocketAddress dataAddress() {
        if (server == null) {
            throw new IllegalStateException("the chunkserver is not running");
        }
        return server.address(DATA_LISTENER);
    }

    /** The master link, while running. */
    public MasterLink masterLink() {
        return masterLink;
    }

    /** The storage, while running. */
    public ChunkStorage storage() {
        return storage;
    }
}
