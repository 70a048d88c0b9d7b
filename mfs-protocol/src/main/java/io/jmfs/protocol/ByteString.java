package io.jmfs.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Immutable bytes with value equality: names, paths, xattr values and blobs as MooseFS sends them (raw bytes, not
 * necessarily UTF-8). Lets messages be records that compare by content.
 */
public final class ByteString {
    public static final ByteString EMPTY = new ByteString(new byte[0]);

    private final byte[] bytes;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static ByteString of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ByteString(bytes.clone());
    }

    /** Takes ownership of {@code bytes} (the caller must not change them afterwards). */
    public static ByteString wrap(byte[] bytes) {
        return new ByteString(bytes);
    }

    /** UTF-8 bytes of {@code s}. */
    public static ByteString utf8(String s) {
        return wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    public static ByteString ofHex(String hex) {
        return wrap(HexFormat.of().parseHex(hex));
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes without a copy, for writing to a buffer; callers must not modify the array. */
    public byte[] unsafeArray() {
        return bytes;
    }

    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** This string without one trailing NUL, if it ends with one. */
    public ByteString withoutTrailingNul() {
        return bytes.length > 0 && bytes[bytes.length - 1] == 0 ? wrap(Arrays.copyOf(bytes, bytes.length - 1)) : this;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Printable text in quotes, or hex for binary content. */
    @Override
    public String toString() {
        for (byte b : bytes) {
            if (b < 0x20 && b != 0 || b == 0x7F) {
                return "0x" + hex();
            }
        }
        return '"' + utf8().replace("\0", "\\0") + '"';
    }
}
