package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolReply.GetEattr;
import io.jmfs.protocol.msg.client.ToolReply.ValueCount;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "geteattr", aliases = "mfsgeteattr", description = "Show extra attributes (eattrs).")
final class GetEattrCommand extends ClientCommand {
    @Option(names = "-r", description = "count eattrs of everything below each directory")
    boolean recursive;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        for (String p : paths) {
            GetEattr g = c.getEattr(c.resolve(p).inode(), recursive);
            if (!recursive) {
                ValueCount v = g.files().isEmpty() ? g.dirs().getFirst() : g.files().getFirst();
                out.println(p + ": " + Eattrs.describe(v.value()));
                continue;
            }
            out.println(p + ":");
            for (ValueCount v : g.files()) {
                out.printf(" not directory nodes with attribute %16s : %s%n", Eattrs.describe(v.value()),
                        count(v.count()));
            }
            for (ValueCount v : g.dirs()) {
                out.printf(" directories with attribute         %16s : %s%n", Eattrs.describe(v.value()),
                        count(v.count()));
            }
        }
        return 0;
    }
}
