package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolReply.CheckCounts;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "checkfile", aliases = "mfscheckfile", description = "Count a file's chunks by number of copies.")
final class CheckFileCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        for (String p : paths) {
            CheckCounts counts = c.check(c.resolve(p).inode());
            out.println(p + ":");
            List<Integer> n = counts.counts();
            for (int copies = 0; copies < Math.min(11, n.size()); copies++) {
                long chunks = Integer.toUnsignedLong(n.get(copies));
                if (chunks == 0) {
                    continue;
                }
                String label = copies == 1 ? " chunks with 1 copy:    "
                        : copies >= 10 ? " chunks with 10+ copies:" : " chunks with " + copies + " copies:  ";
                out.println(label + " " + count(chunks));
            }
            if (n.size() == 12 && n.get(11) != 0) {
                out.println(" empty (zero) chunks:    " + count(Integer.toUnsignedLong(n.get(11))));
            }
        }
        return 0;
    }
}
