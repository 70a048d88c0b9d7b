package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "makesnapshot", aliases = "mfsmakesnapshot",
        description = "Lazy copy SRC to DST (into DST when it is a directory), as mfsmakesnapshot.")
final class MakeSnapshotCommand extends ClientCommand {
    @Option(names = "-o", description = "overwrite existing files")
    boolean overwrite;

    @Parameters(index = "0", paramLabel = "SRC")
    String src;

    @Parameters(index = "1", paramLabel = "DST")
    String dst;

    @Override
    int run(MfsClient c) throws IOException {
        Entry source = c.resolve(src);
        String target = dst;
        Optional<Entry> existing = Paths.find(c, target);
        if (existing.isPresent() && Paths.isDir(existing.get().attr())) {
            target = (target.endsWith("/") ? target : target + "/") + Paths.baseName(src);
        }
        MfsClient.ParentAndName to = c.resolveParent(target);
        c.snapshot(source.inode(), to.parent().inode(), to.name(), overwrite ? 1 : 0);
        return 0;
    }
}
