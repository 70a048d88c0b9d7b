package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Copy a MooseFS file to a local file (or - for stdout).")
final class GetCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "REMOTE")
    String remote;

    @Parameters(index = "1", paramLabel = "LOCAL", defaultValue = "-")
    String local;

    @Override
    int run(MfsClient c) throws IOException {
        Path target = local.equals("-") ? null : Path.of(local);
        if (target != null && Files.isDirectory(target)) {
            target = target.resolve(Paths.baseName(remote));
        }
        try (OutputStream o = target == null ? out : Files.newOutputStream(target)) {
            copy(c, c.resolve(remote), o);
        }
        return 0;
    }

    /** Streams a whole file; shared with cat. */
    static void copy(MfsClient c, Entry e, OutputStream o) throws IOException {
        try (MfsFile f = c.open(e.inode(), false)) {
            byte[] buf = new byte[4 << 20];
            long pos = 0;
            int n;
            while ((n = f.read(pos, buf, 0, buf.length)) > 0) {
                o.write(buf, 0, n);
                pos += n;
            }
        }
        o.flush();
    }
}
