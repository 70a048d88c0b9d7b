package io.jmfs.chunkserver.net.master;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the master and what to announce.
 *
 * @param masterHost        MASTER_HOST (loopback addresses are allowed, unlike MooseFS)
 * @param masterPort        MASTER_PORT
 * @param bindHost          BIND_HOST for the outgoing connection, empty for the system's choice
 * @param timeoutSeconds    MASTER_TIMEOUT; 0 lets the master choose (it answers 10 s)
 * @param reconnectDelay    MASTER_RECONNECTION_DELAY
 * @param myIp              the data port's address to announce, 0 = "use the address you see"
 * @param myPort            the data port
 * @param labelMask         LABELS as a mask
 * @param authCode          AUTH_CODE when set
 * @param chunksPerPacket   CHUNKS_PER_REGISTER_PACKET
 */
public record MasterLinkSettings(String masterHost, int masterPort, Optional<String> bindHost, int timeoutSeconds,
                                 Duration reconnectDelay, int myIp, int myPort, int labelMask,
                                 Optional<String> authCode, int chunksPerPacket) {
    public MasterLinkSettings {
        Objects.requireNonNull(masterHost);
        Objects.requireNonNull(bindHost);
        Objects.requireNonNull(reconnectDelay);
        Objects.requireNonNull(authCode);
        if (timeoutSeconds < 0 || timeoutSeconds > 65535) {
            throw new IllegalArgumentException("MASTER_TIMEOUT out of range: " + timeoutSeconds);
        }
        chunksPerPacket = Math.clamp(chunksPerPacket, 1000, 100_000);
    }

    /** The timeout used until the master announced its own. */
    int initialTimeoutSeconds() {
        return timeoutSeconds > 0 ? timeoutSeconds : 10;
    }
}
