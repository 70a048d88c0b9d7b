package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.protocol.Attr;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stat", description = "Show the attributes of paths.")
final class StatCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        for (String p : paths) {
            Entry e = c.resolve(p);
            Attr a = e.attr();
            out.printf("  File: %s%n", p);
            out.printf("  Size: %d\tType: %s\tInode: %d\tLinks: %d%n", a.size(), a.type().name().toLowerCase(),
                    e.inode(), a.nlink());
            out.printf("Access: (%04o/%s)\tUid: %d\tGid: %d%n", a.mode(), Paths.modeString(a), a.uid(), a.gid());
            out.printf("Access: %s%nModify: %s%nChange: %s%n", Paths.time(a.atime()), Paths.time(a.mtime()),
                    Paths.time(a.ctime()));
        }
        return 0;
    }
}
