package io.jmfs.tests.cluster;

import io.jmfs.tests.harness.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where every daemon of a {@link LocalCluster} listens and keeps its files, and the MooseFS configuration files that
 * say so. Configuration and logs live in the log folder (kept when a test fails), data in the data folder.
 */
public record ClusterLayout(Master master, List<Chunkserver> chunkservers, Optional<Metalogger> metalogger) {
    private static final String HOST = "127.0.0.1";

    public ClusterLayout {
        chunkservers = List.copyOf(chunkservers);
    }

    public record Master(Path config, Path log, Path dataPath, int metaloggerPort, int chunkserverPort,
                         int clientPort) {
        public List<Integer> ports() {
            return List.of(metaloggerPort, chunkserverPort, clientPort);
        }
    }

    public record Chunkserver(String name, Path config, Path log, Path dataPath, Path disk, int port) {}

    public record Metalogger(Path config, Path log, Path dataPath) {}

    /** Picks free ports and writes every configuration file; creates the data folders. */
    static ClusterLayout allocate(Path logDir, Path dataRoot, int chunkserverCount, boolean withMetalogger) {
        if (chunkserverCount < 0) {
            throw new IllegalArgumentException("chunkserver count must not be negative: " + chunkserverCount);
        }
        List<Integer> ports = FreePorts.allocate(3 + chunkserverCount);
        Master master = writeMaster(logDir, dataRoot, ports.get(0), ports.get(1), ports.get(2));
        List<Chunkserver> chunkservers = new ArrayList<>();
        for (int i = 1; i <= chunkserverCount; i++) {
            chunkservers.add(writeChunkserver("chunkserver" + i, logDir, dataRoot, master, ports.get(2 + i)));
        }
        Optional<Metalogger> metalogger = withMetalogger
                ? Optional.of(writeMetalogger(logDir, dataRoot, master)) : Optional.empty();
        return new ClusterLayout(master, chunkservers, metalogger);
    }

    private static Master writeMaster(Path logDir, Path dataRoot, int mlPort, int csPort, int clPort) {
        Path data = dataRoot.resolve("master");
        Path exports = MooseFsConfig.writeFile(logDir.resolve("mfsexports.cfg"), MooseFsConfig.OPEN_EXPORTS);
        Path topology = MooseFsConfig.writeFile(logDir.resolve("mfstopology.cfg"), "");
        createDir(data);
        MooseFsConfig.seedNewMetadata(data);
        Path config = new MooseFsConfig()
                .set("DATA_PATH", data)
                .set("EXPORTS_FILENAME", exports)
                .set("TOPOLOGY_FILENAME", topology)
                .set("MATOML_LISTEN_HOST", HOST).set("MATOML_LISTEN_PORT", mlPort)
                .set("MATOCS_LISTEN_HOST", HOST).set("MATOCS_LISTEN_PORT", csPort)
                .set("MATOCL_LISTEN_HOST", HOST).set("MATOCL_LISTEN_PORT", clPort)
                .writeTo(logDir.resolve("mfsmaster.cfg"));
        return new Master(config, logDir.resolve("mfsmaster.log"), data, mlPort, csPort, clPort);
    }

    private static Chunkserver writeChunkserver(String name, Path logDir, Path dataRoot, Master master, int port) {
        Path data = dataRoot.resolve(name);
        Path disk = data.resolve("hdd");
        createDir(disk);
        Path hdd = MooseFsConfig.writeFile(logDir.resolve(name + "-mfshdd.cfg"), disk + "\n");
        Path config = new MooseFsConfig()
                .set("DATA_PATH", data)
                .set("HDD_CONF_FILENAME", hdd)
                .set("MASTER_HOST", HOST).set("MASTER_PORT", master.chunkserverPort())
                .set("BIND_HOST", HOST)
                .set("CSSERV_LISTEN_HOST", HOST).set("CSSERV_LISTEN_PORT", port)
                .set("HDD_TEST_FREQ", 0)
                .writeTo(logDir.resolve(name + ".cfg"));
        return new Chunkserver(name, config, logDir.resolve(name + ".log"), data, disk, port);
    }

    private static Metalogger writeMetalogger(Path logDir, Path dataRoot, Master master) {
        Path data = dataRoot.resolve("metalogger");
        createDir(data);
        Path config = new MooseFsConfig()
                .set("DATA_PATH", data)
                .set("MASTER_HOST", HOST).set("MASTER_PORT", master.metaloggerPort())
                .writeTo(logDir.resolve("mfsmetalogger.cfg"));
        return new Metalogger(config, logDir.resolve("mfsmetalogger.log"), data);
    }

    private static Path createDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
