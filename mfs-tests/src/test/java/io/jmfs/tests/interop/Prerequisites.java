package io.jmfs.tests.interop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the interop harness needs from the machine: root (for namespaces and FUSE), {@code ip}, the real MooseFS
 * binaries and {@code /dev/fuse}. {@link #missing()} lists what is absent, in words a person can act on.
 */
public final class Prerequisites {
    /** The environment variable that turns a missing prerequisite from a skip into a failure. */
    public static final String REQUIRED_VARIABLE = "MFS_INTEROP";

    static final List<String> BINARIES = List.of("ip", "mfsmaster", "mfschunkserver", "mfsmetalogger", "mfsmount",
            "mfscli");

    private Prerequisites() {}

    public static boolean required() {
        return "required".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
    }

    public static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (network namespaces and FUSE mounts need it)");
        }
        for (String binary : BINARIES) {
            if (find(binary).isEmpty()) {
                missing.add("'" + binary + "' on the PATH (apt-get install moosefs-master moosefs-chunkserver "
                        + "moosefs-metalogger moosefs-client moosefs-cli iproute2)");
            }
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            missing.add("/dev/fuse (apt-get install fuse3; in a container: --device /dev/fuse)");
        }
        return missing;
    }

    public static Optional<Path> find(String binary) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean isRoot() {
        try {
            // "Uid:" real effective saved filesystem
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.trim().split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
