package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ln", description = "Make a hard link (or with -s a symbolic link) LINK to TARGET.")
final class LnCommand extends ClientCommand {
    @Option(names = "-s", description = "symbolic link; TARGET is stored as given")
    boolean symbolic;

    @Parameters(index = "0", paramLabel = "TARGET")
    String target;

    @Parameters(index = "1", paramLabel = "LINK")
    String link;

    @Override
    int run(MfsClient c) throws IOException {
        MfsClient.ParentAndName pn = c.resolveParent(link);
        if (symbolic) {
            c.symlink(pn.parent().inode(), pn.name(), target);
        } else {
            c.link(c.resolve(target).inode(), pn.parent().inode(), pn.name());
        }
        return 0;
    }
}
