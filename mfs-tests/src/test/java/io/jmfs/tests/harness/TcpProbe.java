package io.jmfs.tests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Observes TCP state from the outside: whether a port accepts connections, how many clients are connected to it. */
public final class TcpProbe {
    private static final int CONNECT_TIMEOUT_MS = 200;
    private static final String ESTABLISHED = "01";
    private static final List<Path> CONNECTION_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private TcpProbe() {}

    /** True when a TCP connection to 127.0.0.1:{@code port} is accepted (and closed again at once). */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.loopback(), port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The number of established connections whose remote end is local port {@code port}, i.e. clients connected to
     * a server there (counted on the client side, so each connection counts once). Reads the kernel's connection
     * tables of this network namespace; Linux only.
     */
    public static int clientsConnectedTo(int port) {
        String remotePort = ":%04X".formatted(port);
        int count = 0;
        for (Path table : CONNECTION_TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st ... ; the header line has "local_address" in field 1
                    if (fields.length > 3 && fields[2].endsWith(remotePort) && fields[3].equals(ESTABLISHED)) {
                        count++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
        }
        return count;
    }
}
