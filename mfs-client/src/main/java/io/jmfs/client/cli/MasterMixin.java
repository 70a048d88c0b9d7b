package io.jmfs.client.cli;

import io.jmfs.client.master.MasterOptions;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command shares: which master, which exported subfolder, which password. */
public final class MasterMixin {
    @Option(names = "-H", paramLabel = "HOST", defaultValue = "${env:MFS_MASTER:-mfsmaster}",
            description = "master host (default: $MFS_MASTER or mfsmaster)")
    String host;

    @Option(names = "-P", paramLabel = "PORT", defaultValue = "9421", description = "master client port")
    int port;

    @Option(names = "-S", paramLabel = "SUBFOLDER", defaultValue = "/", description = "exported subfolder to mount")
    String subfolder;

    @Option(names = "-p", paramLabel = "PASSWORD", description = "export password")
    String password;

    MasterOptions options(String command) {
        return new MasterOptions(host, port, subfolder.startsWith("/") ? subfolder : "/" + subfolder,
                Optional.ofNullable(password), "bin/mfs " + command, Duration.ofSeconds(60));
    }
}
