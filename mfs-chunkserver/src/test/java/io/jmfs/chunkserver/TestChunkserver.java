package io.jmfs.chunkserver;

import io.jmfs.chunkserver.config.ChunkserverConfig;
import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A chunkserver's files in a temp folder: a disk, its mfshdd.cfg, a data folder, and the config to run it. */
public final class TestChunkserver {
    private TestChunkserver() {
    }

    /** Where a test chunkserver keeps its files; {@link #config} adds the data port and master. */
    public record Setup(Path data, Path disk, Path hddConfig, int masterPort) {
        public Config config(int dataPort, String... extraLines) throws Exception {
            List<String> lines = new ArrayList<>(List.of("DATA_PATH = " + data, "HDD_CONF_FILENAME = " + hddConfig,
                    "CSSERV_LISTEN_HOST = 127.0.0.1", "CSSERV_LISTEN_PORT = " + dataPort,
                    "MASTER_HOST = 127.0.0.1", "MASTER_PORT = " + masterPort, "MASTER_RECONNECTION_DELAY = 1",
                    "HDD_TEST_FREQ = 0", "HDD_LEAVE_SPACE_DEFAULT = 0"));
            lines.addAll(List.of(extraLines));
            return new ConfigLoader(ChunkserverConfig.SCHEMA, warning -> { })
                    .parse(data.resolve("mfschunkserver.cfg"), lines);
        }
    }

    public static Setup setup(Path root, String name, int masterPort) {
        try {
            Path data = Files.createDirectories(root.resolve(name));
            Path disk = Files.createDirectories(data.resolve("hdd"));
            Path hdd = Files.writeString(data.resolve("mfshdd.cfg"), disk + "\n");
            return new Setup(data, disk, hdd, masterPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
