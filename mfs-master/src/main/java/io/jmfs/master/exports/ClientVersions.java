package io.jmfs.master.exports;

/**
 * MooseFS version numbers as clients send them: {@code major<<16 | minor<<8 | patch}, where the patch level is
 * doubled for majors above 1 (3.0.117 is {@code 0x000300EA}).
 */
public final class ClientVersions {
    private ClientVersions() {
    }

    public static int encode(int major, int minor, int patch) {
        if (major < 0 || major > 255 || minor < 0 || minor > 255 || patch < 0 || patch > (major > 1 ? 127 : 255)) {
            throw new IllegalArgumentException("version out of range: " + major + "." + minor + "." + patch);
        }
        return major << 16 | minor << 8 | (major > 1 ? patch * 2 : patch);
    }

    public static String format(int version) {
        int major = version >>> 16;
        int patch = version & 0xFF;
        return major + "." + (version >>> 8 & 0xFF) + "." + (major > 1 ? patch / 2 : patch);
    }
}
