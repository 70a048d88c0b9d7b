package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mkdir", description = "Create directories.")
final class MkdirCommand extends ClientCommand {
    @Option(names = "--parents", description = "create missing parents, no error if it exists")
    boolean parents;

    @Option(names = "-m", paramLabel = "MODE", defaultValue = "755", description = "octal mode (default 755)")
    String mode;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        int m = Integer.parseInt(mode, 8);
        for (String p : paths) {
            if (parents) {
                Entry e = c.resolve("/");
                for (String part : p.split("/")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    Optional<Entry> next = lookup(c, e.inode(), part);
                    e = next.isPresent() ? next.get() : c.mkdir(e.inode(), part, m);
                }
            } else {
                MfsClient.ParentAndName pn = c.resolveParent(p);
                c.mkdir(pn.parent().inode(), pn.name(), m);
            }
        }
        return 0;
    }

    private static Optional<Entry> lookup(MfsClient c, int parent, String name) throws IOException {
        try {
            return Optional.of(c.lookup(parent, name));
        } catch (io.jmfs.client.MfsException e) {
            if (e.status() == io.jmfs.protocol.MfsStatus.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
