package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolReply.SetResult;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "seteattr", aliases = "mfsseteattr", description = "Add (-f NAME) or with --remove remove eattrs.")
final class SetEattrCommand extends ClientCommand {
    @Option(names = "-r", description = "also everything below each directory")
    boolean recursive;

    @Option(names = "-f", paramLabel = "EATTR", required = true, description = "eattr name (repeatable)")
    List<String> flags;

    @Option(names = "--remove", description = "remove the eattrs instead of adding them (mfsdeleattr)")
    boolean remove;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        int bits = Eattrs.parse(flags);
        int smode = (remove ? MfsClient.SMODE_DECREASE : MfsClient.SMODE_INCREASE)
                | (recursive ? MfsClient.SMODE_RECURSIVE : 0);
        for (String p : paths) {
            SetResult r = c.setEattr(c.resolve(p).inode(), bits, smode);
            if (!recursive) {
                var now = c.getEattr(c.resolve(p).inode(), false);
                var v = now.files().isEmpty() ? now.dirs().getFirst() : now.files().getFirst();
                out.println(p + ": " + Eattrs.describe(v.value()));
            } else {
                out.println(p + ":");
                out.println(" inodes with attributes changed:     " + count(r.changed()));
                out.println(" inodes with attributes not changed: " + count(r.notChanged()));
                out.println(" inodes with permission denied:      " + count(r.notPermitted()));
            }
        }
        return 0;
    }
}
