package io.jmfs.daemon.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One listening socket a daemon serves.
 *
 * @param name what listens, for messages (e.g. {@code "client (MATOCL)"})
 * @param host MooseFS's listen host: {@code *} for every local address, else a name or an IP address
 * @param port the TCP port; 0 lets the system choose one (tests)
 * @param pipeline builds the pipeline of every accepted connection; this is where the protocol handlers plug in
 */
public record ListenerSpec(String name, String host, int port, ChannelInitializer<? extends Channel> pipeline) {

    public ListenerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pipeline, "pipeline");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + ": port out of range: " + port);
        }
    }

    /** The address to bind: the wildcard address for {@code *}. */
    InetSocketAddress bindAddress() {
        return host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** "host:port" as the user configured it. */
    public String describe() {
        return host + ":" + port;
    }
}
