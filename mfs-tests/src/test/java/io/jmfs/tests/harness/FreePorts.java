package io.jmfs.tests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks TCP ports on 127.0.0.1 that nothing listens on, so that parallel test runs (and a developer's own cluster on
 * the MooseFS default ports) never clash. The kernel chooses them; all sockets of one call stay open until every
 * port is chosen, so one call never returns the same port twice.
 */
public final class FreePorts {
    private FreePorts() {}

    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    public static List<Integer> allocate(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                // No SO_REUSEADDR: a port still in TIME_WAIT from an earlier run is not offered again.
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(loopback(), 0));
                ports.add(socket.getLocalPort());
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate " + count + " free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a bound, never accepted socket does not fail in a way we could act on
                }
            }
        }
    }
}
