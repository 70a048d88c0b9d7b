package io.jmfs.client.master;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to open a master session: host and port (9421), the exported subfolder to mount (the REGISTER path),
 * an optional export password, the info string the master shows for the session, and the time a request may wait
 * across reconnects before it fails.
 */
public record MasterOptions(String host, int port, String subfolder, Optional<String> password, String info,
                            Duration requestTimeout) {
    public static final int DEFAULT_PORT = 9421;

    public MasterOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("master host must not be empty");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("master port out of range: " + port);
        }
        if (!subfolder.startsWith("/")) {
            throw new IllegalArgumentException("subfolder must be absolute: " + subfolder);
        }
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(info, "info");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
    }

    public static MasterOptions of(String host) {
        return new MasterOptions(host, DEFAULT_PORT, "/", Optional.empty(), "jmfs", Duration.ofSeconds(60));
    }

    public MasterOptions withPort(int p) {
        return new MasterOptions(host, p, subfolder, password, info, requestTimeout);
    }

    public MasterOptions withSubfolder(String s) {
        return new MasterOptions(host, port, s, password, info, requestTimeout);
    }

    public MasterOptions withPassword(String p) {
        return new MasterOptions(host, port, subfolder, Optional.ofNullable(p), info, requestTimeout);
    }

    public MasterOptions withInfo(String i) {
        return new MasterOptions(host, port, subfolder, password, i, requestTimeout);
    }

    public MasterOptions withRequestTimeout(Duration t) {
        return new MasterOptions(host, port, subfolder, password, info, t);
    }
}
