package io.jmfs.protocol.wire;

/**
 * Which stream a decoder reads, with the largest payload MooseFS 3.0.117 accepts on it ({@code *_MAXPACKETSIZE});
 * a longer frame means a broken or hostile peer and closes the connection before any buffer of that size exists.
 */
public enum PeerLink {
    /** Master reading a client or tool on 9421 ({@code CLTOMA_MAXPACKETSIZE}). */
    CLIENT_TO_MASTER(50_000_000),
    /** Client reading the master on 9421 (replies such as READDIR can be large). */
    MASTER_TO_CLIENT(50_000_000),
    /** Master reading a chunkserver on 9420 ({@code CSTOMA_MAXPACKETSIZE}). */
    CHUNKSERVER_TO_MASTER(500_000_000),
    /** Chunkserver reading the master on 9420 ({@code MATOCS_MAXPACKETSIZE}). */
    MASTER_TO_CHUNKSERVER(10_000),
    /** Master reading a metalogger on 9419 ({@code ANTOMA_MAXPACKETSIZE}). */
    METALOGGER_TO_MASTER(1_500_000),
    /** Metalogger reading the master on 9419 ({@code MATOAN_MAXPACKETSIZE}). */
    MASTER_TO_METALOGGER(1_500_000),
    /** Either side of the 9422 data port ({@code CLTOCS/CSTOCL/CSTOCS_MAXPACKETSIZE}). */
    DATA(100_000);

    private final int maxPayload;

    PeerLink(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Largest accepted payload length in bytes. */
    public int maxPayload() {
        return maxPayload;
    }
}
