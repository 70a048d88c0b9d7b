package io.jmfs.tests.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The root of the jmfs checkout, where {@code bin/} lives: the environment variable {@code JMFS_HOME} (surefire sets
 * it, see the parent pom), else the first folder above the working directory that holds {@code bin/jdk.sh} and a
 * {@code pom.xml}.
 */
public final class JmfsHome {
    private JmfsHome() {}

    public static Path locate() {
        String configured = System.getenv("JMFS_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured).toAbsolutePath().normalize();
            if (!isHome(home)) {
                throw new IllegalStateException("JMFS_HOME=" + configured + " is not a jmfs checkout (no bin/jdk.sh)");
            }
            return home;
        }
        return searchUpFrom(Path.of("").toAbsolutePath()).orElseThrow(() -> new IllegalStateException(
                "cannot find the jmfs checkout above " + Path.of("").toAbsolutePath() + "; set JMFS_HOME"));
    }

    static Optional<Path> searchUpFrom(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isHome(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static boolean isHome(Path dir) {
        return Files.isRegularFile(dir.resolve("bin/jdk.sh")) && Files.isRegularFile(dir.resolve("pom.xml"));
    }

    /** The launcher {@code bin/<name>}. */
    public static Path launcher(String name) {
        return locate().resolve("bin").resolve(name);
    }
}
