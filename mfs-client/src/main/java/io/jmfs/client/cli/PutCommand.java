package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "put", description = "Copy a local file (or - for stdin) into MooseFS; an existing file is replaced.")
final class PutCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "LOCAL")
    String local;

    @Parameters(index = "1", paramLabel = "REMOTE")
    String remote;

    @Override
    int run(MfsClient c) throws IOException {
        String target = remote;
        Optional<Entry> existing = Paths.find(c, target);
        if (existing.isPresent() && Paths.isDir(existing.get().attr())) {
            target = (target.endsWith("/") ? target : target + "/") + Paths.baseName(local);
            existing = Paths.find(c, target);
        }
        MfsFile file;
        if (existing.isPresent()) {
            file = c.open(existing.get().inode(), true);
            file.truncate(0);
        } else {
            MfsClient.ParentAndName pn = c.resolveParent(target);
            file = c.create(pn.parent().inode(), pn.name(), 0644);
        }
        try (MfsFile f = file; InputStream in = local.equals("-") ? System.in : Files.newInputStream(Path.of(local))) {
            byte[] buf = new byte[1 << 20];
            long pos = 0;
            int n;
            // what a pipe has now goes out now: waiting to fill the buffer would leave the chunk write idle
            while ((n = in.read(buf, 0, buf.length)) > 0) {
                f.write(pos, buf, 0, n);
                pos += n;
            }
        }
        return 0;
    }
}
