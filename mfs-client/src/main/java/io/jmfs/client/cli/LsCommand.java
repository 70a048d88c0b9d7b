package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", description = "List a directory (or show one file).")
final class LsCommand extends ClientCommand {
    @Option(names = "-l", description = "long format: mode, links, owner, group, size, mtime, name")
    boolean longFormat;

    @Parameters(defaultValue = "/", paramLabel = "PATH")
    String path;

    @Override
    int run(MfsClient c) throws IOException {
        Entry e = c.resolve(path);
        List<Entry> entries = Paths.isDir(e.attr())
                ? c.readdir(e.inode()).stream().sorted(Comparator.comparing(Entry::name)).toList()
                : List.of(new Entry(path, e.inode(), e.attr()));
        for (Entry x : entries) {
            if (longFormat) {
                out.printf("%s %3d %5d %5d %12d %s %s%n", Paths.modeString(x.attr()), x.attr().nlink(),
                        x.attr().uid(), x.attr().gid(), Paths.size(x.attr()), Paths.time(x.attr().mtime()), x.name());
            } else {
                out.println(x.name());
            }
        }
        return 0;
    }
}
