package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "mv", description = "Rename or move a node; into DST when DST is a directory.")
final class MvCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SRC")
    String src;

    @Parameters(index = "1", paramLabel = "DST")
    String dst;

    @Override
    int run(MfsClient c) throws IOException {
        MfsClient.ParentAndName from = c.resolveParent(src);
        String target = dst;
        Optional<Entry> existing = Paths.find(c, target);
        if (existing.isPresent() && Paths.isDir(existing.get().attr())) {
            target = (target.endsWith("/") ? target : target + "/") + from.name();
        }
        MfsClient.ParentAndName to = c.resolveParent(target);
        c.rename(from.parent().inode(), from.name(), to.parent().inode(), to.name());
        return 0;
    }
}
