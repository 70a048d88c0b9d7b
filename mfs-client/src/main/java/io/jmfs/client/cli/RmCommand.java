package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", description = "Remove files (and with -r directories with their contents).")
final class RmCommand extends ClientCommand {
    @Option(names = "-r", description = "remove directories recursively")
    boolean recursive;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        for (String p : paths) {
            MfsClient.ParentAndName pn = c.resolveParent(p);
            remove(c, pn.parent().inode(), c.lookup(pn.parent().inode(), pn.name()));
        }
        return 0;
    }

    private void remove(MfsClient c, int parent, Entry e) throws IOException {
        if (!Paths.isDir(e.attr())) {
            c.unlink(parent, e.name());
            return;
        }
        if (!recursive) {
            throw new io.jmfs.client.MfsException(io.jmfs.protocol.MfsStatus.EPERM,
                    e.name() + " is a directory (use -r)");
        }
        for (Entry child : c.readdir(e.inode())) {
            remove(c, e.inode(), child);
        }
        c.rmdir(parent, e.name());
    }
}
