package io.jmfs.master.fs.change;

/** MooseFS changelog escaping: bytes below 32, from 127 up, and {@code , % ( )} become {@code %XX}. */
public final class ChangeText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ChangeText() {
    }

    public static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c < 32 || c >= 127 || c == ',' || c == '%' || c == '(' || c == ')') {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
