package io.jmfs.client.io;

import io.jmfs.client.MfsException;
import io.jmfs.protocol.MfsStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;

/**
 * How the data path retries: {@code attempts} tries with a pause doubling from {@code firstPause} up to 3 s between
 * them. Master refusals are retried only when they are about a temporary state (locked or busy chunk, no
 * chunkserver yet, a copy that went away); other refusals are final.
 */
public record Retry(int attempts, Duration firstPause) {
    private static final long MAX_PAUSE_MILLIS = 3000;
    private static final Set<MfsStatus> TEMPORARY = Set.of(MfsStatus.LOCKED, MfsStatus.CHUNKBUSY, MfsStatus.EAGAIN,
            MfsStatus.NOCHUNKSERVERS, MfsStatus.DELAYED, MfsStatus.CHUNKLOST, MfsStatus.NOTDONE,
            MfsStatus.WRONGVERSION, MfsStatus.NOCHUNK, MfsStatus.DISCONNECTED, MfsStatus.CANTCONNECT,
            MfsStatus.IO, MfsStatus.CRC);

    /** About 30 s in all: long enough for the master to notice a dead chunkserver and hand out other copies. */
    public static final Retry STANDARD = new Retry(12, Duration.ofMillis(100));

    public Retry {
        if (attempts < 1 || firstPause.isNegative()) {
            throw new IllegalArgumentException("retry needs at least one attempt and a pause >= 0");
        }
    }

    /** Whether an error from a master request is worth another attempt. */
    static boolean isTemporary(IOException e) {
        return !(e instanceof MfsException m) || TEMPORARY.contains(m.status());
    }

    /** Sleeps before attempt {@code attempt + 1} (attempt is 1-based). */
    void pause(int attempt) throws InterruptedIOException {
        long millis = Math.min(MAX_PAUSE_MILLIS, firstPause.toMillis() << Math.min(attempt - 1, 10));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
