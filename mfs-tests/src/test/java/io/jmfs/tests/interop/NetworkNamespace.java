package io.jmfs.tests.interop;

import io.jmfs.tests.harness.LoggedProcess;
import io.jmfs.tests.harness.Shell;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A network namespace of our own, {@code jmfs-<random>}: loopback up and a veth pair {@code v0}/{@code v1} whose
 * {@code v0} carries the addresses {@code 198.18.X.1 .. 198.18.X.9/24}, with X random in 100..250 so that two
 * harnesses never show the same addresses in their logs. Nothing outside the namespace sees these addresses.
 * {@link #close} stops whatever still runs inside and deletes the namespace.
 */
public final class NetworkNamespace implements AutoCloseable {
    public static final int ADDRESSES = 9;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final RandomGenerator RANDOM = new SecureRandom();

    private final String name;
    private final int subnet;

    private NetworkNamespace(String name, int subnet) {
        this.name = name;
        this.subnet = subnet;
    }

    public static NetworkNamespace create() {
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        NetworkNamespace ns = new NetworkNamespace("jmfs-" + HexFormat.of().formatHex(id), RANDOM.nextInt(100, 251));
        Shell.run(COMMAND_TIMEOUT, "ip", "netns", "add", ns.name).orThrow();
        try {
            ns.setUpLinks();
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    private void setUpLinks() {
        run("ip", "link", "set", "lo", "up").orThrow();
        run("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1").orThrow();
        for (int host = 1; host <= ADDRESSES; host++) {
            run("ip", "addr", "add", address(host) + "/24", "dev", "v0").orThrow();
        }
        run("ip", "link", "set", "v0", "up").orThrow();
        run("ip", "link", "set", "v1", "up").orThrow();
    }

    public String name() {
        return name;
    }

    /** The address {@code 198.18.X.host} of this namespace, host in 1..9. */
    public String address(int host) {
        if (host < 1 || host > ADDRESSES) {
            throw new IllegalArgumentException("host must be in 1.." + ADDRESSES + ": " + host);
        }
        return addressPrefix() + host;
    }

    /** {@code 198.18.X.}: how every address of this namespace starts. */
    public String addressPrefix() {
        return "198.18." + subnet + ".";
    }

    /** {@code command} prefixed so that it runs inside this namespace. */
    public List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    /**
     * Starts a long-running process inside the namespace (a real daemon, or one of ours through {@code bin/}) with
     * its output in {@code log}; the caller stops it.
     */
    public LoggedProcess launch(String processName, List<String> command, Path log) {
        return LoggedProcess.start(processName, inside(command), log, Map.of());
    }

    /** Runs a short command inside the namespace. */
    public Shell.Result run(String... command) {
        return run(COMMAND_TIMEOUT, List.of(command));
    }

    public Shell.Result run(Duration timeout, List<String> command) {
        return Shell.run(timeout, inside(command));
    }

    /** Runs a bash script inside the namespace, in one shell (and so with one mount table). */
    public Shell.Result bash(Duration timeout, String script) {
        return run(timeout, List.of("bash", "-c", script));
    }

    /** True while {@code ip netns list} shows this namespace. */
    public boolean exists() {
        return Shell.run(COMMAND_TIMEOUT, "ip", "netns", "list").output().lines()
                .anyMatch(line -> line.split("\\s+")[0].equals(name));
    }

    /** Kills what still runs inside (a test that failed half way), then deletes the namespace. */
    @Override
    public void close() {
        String pids = Shell.run(COMMAND_TIMEOUT, "ip", "netns", "pids", name).output().trim();
        for (String pid : pids.split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Shell.run(COMMAND_TIMEOUT, "ip", "netns", "del", name).orThrow();
    }

    @Override
    public String toString() {
        return name + " (" + address(1) + ".." + ADDRESSES + ")";
    }
}
