package io.jmfs.protocol.testing;

import io.jmfs.protocol.MessageType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * Loads golden packet files: one packet per line, {@code <direction> <C type name> <payload hex or ->}, with
 * {@code #} comments.
 */
public final class GoldenPackets {
    private GoldenPackets() {
    }

    /** Every packet of a classpath resource such as {@code /golden/client-master.hex}. */
    public static List<GoldenPacket> load(String resource) {
        InputStream in = GoldenPackets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no golden resource " + resource);
        }
        List<GoldenPacket> packets = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length != 3) {
                    throw new IllegalArgumentException(resource + ":" + n + ": expected 3 fields");
                }
                MessageType type = MessageType.valueOf(f[1]);
                byte[] payload = f[2].equals("-") ? new byte[0] : HexFormat.of().parseHex(f[2]);
                packets.add(new GoldenPacket(f[0], type, payload, n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packets;
    }

    /** The packets of {@code resource} matching {@code filter}. */
    public static List<GoldenPacket> load(String resource, Predicate<GoldenPacket> filter) {
        return load(resource).stream().filter(filter).toList();
    }

    /** The first packet of this type and direction whose hex payload starts with {@code hexPrefix}. */
    public static GoldenPacket find(String resource, String direction, MessageType type, String hexPrefix) {
        return load(resource).stream()
                .filter(p -> p.direction().equals(direction) && p.type() == type && p.hex().startsWith(hexPrefix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no golden " + direction + " " + type + " starting "
                        + hexPrefix + " in " + resource));
    }
}
