package io.jmfs.protocol;

import java.util.zip.CRC32;

/**
 * The CRC MooseFS puts in data packets and chunk files: standard CRC-32 (zlib, reflected polynomial 0xEDB88320),
 * the same as {@link CRC32}. Values are held in an {@code int} holding the unsigned 32-bit value.
 */
public final class Crc32 {
    /** CRC of a block of 65536 zero bytes: the value chunk files hold for unused blocks. */
    public static final int ZERO_BLOCK = 0xD7978EEB;

    private static final int POLY = 0xEDB88320;

    private Crc32() {
    }

    public static int of(byte[] data) {
        return of(data, 0, data.length);
    }

    public static int of(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /** CRC of {@code length} zero bytes. */
    public static int ofZeros(int length) {
        return of(new byte[length]);
    }

    /**
     * The CRC of the concatenation A+B from {@code crcA}, {@code crcB} and the length of B, without the data (used to
     * build a whole-block CRC from the parts of partial writes). Computed by applying the CRC shift operator
     * {@code lengthB} times in GF(2) through repeated squaring of its 32x32 matrix.
     */
    public static int combine(int crcA, int crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("negative length " + lengthB);
        }
        if (lengthB == 0) {
            return crcA;
        }
        int[] odd = new int[32];
        int[] even = new int[32];
        odd[0] = POLY; // operator for one zero bit
        int row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        int crc = crcA;
        long len = lengthB;
        do {
            square(even, odd);
            if ((len & 1) != 0) {
                crc = times(even, crc);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even);
            if ((len & 1) != 0) {
                crc = times(odd, crc);
            }
            len >>>= 1;
        } while (len != 0);
        return crc ^ crcB;
    }

    private static int times(int[] matrix, int vector) {
        int sum = 0;
        int i = 0;
        int v = vector;
        while (v != 0) {
            if ((v & 1) != 0) {
                sum ^= matrix[i];
            }
            v >>>= 1;
            i++;
        }
        return sum;
    }

    private static void square(int[] result, int[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }
}
