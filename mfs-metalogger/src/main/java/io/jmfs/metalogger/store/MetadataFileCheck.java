package io.jmfs.metalogger.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Tells what a downloaded metadata file is, from its 24-byte header and 16-byte end marker. */
public final class MetadataFileCheck {

    static final byte[] SIGNATURE = "MFSM 2.0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NEW_FILESYSTEM = "MFSM NEW".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EOF_MARKER = "[MFS EOF MARKER]".getBytes(StandardCharsets.US_ASCII);

    /** The verdict on one file. */
    public sealed interface Verdict {
        /** A complete {@code MFSM 2.0} dump; {@code version} is the first change it does not contain. */
        record Valid(long version, long metaId) implements Verdict {}

        /** The {@code MFSM NEW} placeholder of a file system that was never dumped: nothing to keep. */
        record NewFileSystem() implements Verdict {}

        record Invalid(String reason) implements Verdict {}
    }

    private MetadataFileCheck() {
    }

    public static Verdict check(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            byte[] signature = new byte[8];
            if (size < signature.length) {
                return new Verdict.Invalid("only " + size + " bytes");
            }
            f.readFully(signature);
            if (Arrays.equals(signature, NEW_FILESYSTEM)) {
                return new Verdict.NewFileSystem();
            }
            if (!Arrays.equals(signature, SIGNATURE)) {
                return new Verdict.Invalid("header is not MFSM 2.0");
            }
            if (size < 8 + 16 + EOF_MARKER.length) {
                return new Verdict.Invalid("truncated: " + size + " bytes");
            }
            long version = f.readLong();
            long metaId = f.readLong();
            byte[] end = new byte[EOF_MARKER.length];
            f.seek(size - end.length);
            f.readFully(end);
            if (!Arrays.equals(end, EOF_MARKER)) {
                return new Verdict.Invalid("truncated: no end marker");
            }
            return new Verdict.Valid(version, metaId);
        }
    }
}
