package io.jmfs.master.fs;

/** MooseFS's entry-name rule: 1..255 bytes, not "." or "..", no '/' and no NUL. */
public final class Names {
    public static final int NAME_MAX = 255;
    public static final int SYMLINK_MAX = 4096;

    private Names() {
    }

    public static boolean valid(byte[] name) {
        if (name.length == 0 || name.length > NAME_MAX) {
            return false;
        }
        if (name[0] == '.' && (name.length == 1 || (name.length == 2 && name[1] == '.'))) {
            return false;
        }
        for (byte b : name) {
            if (b == 0 || b == '/') {
                return false;
            }
        }
        return true;
    }
}
