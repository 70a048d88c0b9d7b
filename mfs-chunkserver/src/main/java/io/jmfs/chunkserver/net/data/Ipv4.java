package io.jmfs.chunkserver.net.data;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as MooseFS packets carry them: one big-endian 32-bit number. */
public final class Ipv4 {
    private Ipv4() {
    }

    public static InetSocketAddress socketAddress(int ip, int port) {
        byte[] b = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(b), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** The address as a number, or 0 when it is not IPv4. */
    public static int toInt(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return 0;
        }
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    public static String format(int ip, int port) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff) + ":" + port;
    }
}
