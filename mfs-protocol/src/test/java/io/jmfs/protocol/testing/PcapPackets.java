package io.jmfs.protocol.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads MooseFS packets out of a classic pcap file (as {@code tcpdump -w} writes it; Ethernet or Linux "cooked"
 * link layer, IPv4, TCP). Each TCP direction is reassembled from its SYN on by sequence number, then split on the
 * {@code type:32 length:32} header. A direction with a gap (dropped segments) yields the packets before the gap.
 * Meant for tests and for turning captures into golden files, not for hostile input.
 */
public final class PcapPackets {
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_LINUX_SLL = 113;

    private PcapPackets() {
    }

    /** All packets, stream by stream in order of each stream's first segment. */
    public static List<CapturedPacket> read(Path pcap) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(pcap));
        int magic = file.getInt(0);
        if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) {
            file.order(ByteOrder.LITTLE_ENDIAN);
        } else if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D) {
            throw new IOException("not a classic pcap file");
        }
        int linkType = file.getInt(20);
        int linkHeader = switch (linkType) {
            case LINKTYPE_ETHERNET -> 14;
            case LINKTYPE_LINUX_SLL -> 16;
            default -> throw new IOException("unsupported link type " + linkType);
        };
        Map<String, Stream> streams = new LinkedHashMap<>();
        int pos = 24;
        while (pos + 16 <= file.limit()) {
            int caplen = file.getInt(pos + 8);
            int start = pos + 16;
            pos = start + caplen;
            if (pos > file.limit()) {
                break;
            }
            ByteBuffer frame = ByteBuffer.wrap(file.array(), start, caplen).slice(); // big-endian network data
            segment(frame, linkHeader, streams);
        }
        List<CapturedPacket> packets = new ArrayList<>();
        for (Map.Entry<String, Stream> e : streams.entrySet()) {
            String[] ends = e.getKey().split(">");
            split(ends[0], ends[1], e.getValue().reassemble(), packets);
        }
        return packets;
    }

    private static void segment(ByteBuffer f, int linkHeader, Map<String, Stream> streams) {
        int etherType = f.getShort(linkHeader - 2) & 0xFFFF;
        if (etherType != 0x0800 || f.limit() < linkHeader + 20) {
            return;
        }
        int ip = linkHeader;
        int ihl = (f.get(ip) & 0x0F) * 4;
        int total = f.getShort(ip + 2) & 0xFFFF;
        if ((f.get(ip + 9) & 0xFF) != 6) {
            return;
        }
        String src = addr(f, ip + 12);
        String dst = addr(f, ip + 16);
        int tcp = ip + ihl;
        int srcPort = f.getShort(tcp) & 0xFFFF;
        int dstPort = f.getShort(tcp + 2) & 0xFFFF;
        long seq = f.getInt(tcp + 4) & 0xFFFFFFFFL;
        int dataOffset = ((f.get(tcp + 12) & 0xF0) >> 4) * 4;
        boolean syn = (f.get(tcp + 13) & 0x02) != 0;
        String key = src + ":" + srcPort + ">" + dst + ":" + dstPort;
        Stream s = streams.computeIfAbsent(key, k -> new Stream());
        if (syn) {
            s.isn = seq + 1;
            return;
        }
        int from = tcp + dataOffset;
        int to = Math.min(ip + total, f.limit());
        if (to > from) {
            byte[] data = new byte[to - from];
            f.get(from, data);
            s.segments.putIfAbsent(seq, data);
        }
    }

    private static String addr(ByteBuffer f, int at) {
        return (f.get(at) & 0xFF) + "." + (f.get(at + 1) & 0xFF) + "." + (f.get(at + 2) & 0xFF) + "."
                + (f.get(at + 3) & 0xFF);
    }

    private static void split(String src, String dst, byte[] stream, List<CapturedPacket> out) {
        ByteBuffer b = ByteBuffer.wrap(stream);
        while (b.remaining() >= 8) {
            int type = b.getInt(b.position());
            long length = b.getInt(b.position() + 4) & 0xFFFFFFFFL;
            if (b.remaining() - 8 < length) {
                return;
            }
            b.position(b.position() + 8);
            byte[] payload = new byte[(int) length];
            b.get(payload);
            out.add(new CapturedPacket(src, dst, type, payload));
        }
    }

    /** One direction of a TCP connection: segments by sequence number from the SYN's ISN. */
    private static final class Stream {
        long isn = -1;
        final TreeMap<Long, byte[]> segments = new TreeMap<>();

        byte[] reassemble() {
            if (isn < 0) {
                return new byte[0]; // started before the capture: no safe packet boundary
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            // unwrap sequence numbers relative to the ISN so that wrap-around sorts correctly
            TreeMap<Long, byte[]> relative = new TreeMap<>();
            segments.forEach((seq, data) -> relative.putIfAbsent((seq - isn) & 0xFFFFFFFFL, data));
            long at = 0;
            for (Map.Entry<Long, byte[]> e : relative.entrySet()) {
                long segStart = e.getKey();
                byte[] data = e.getValue();
                if (segStart > at) {
                    break; // gap
                }
                int skip = (int) (at - segStart);
                if (skip < data.length) {
                    out.write(data, skip, data.length - skip);
                    at += data.length - skip;
                }
            }
            return out.toByteArray();
        }
    }

    /** Prints every MooseFS packet of a capture: {@code PcapPackets file.pcap}. */
    public static void main(String[] args) throws IOException {
        for (CapturedPacket p : read(Path.of(args[0]))) {
            System.out.println(p);
        }
    }
}
