package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolReply.GetSclass;
import io.jmfs.protocol.msg.client.ToolReply.SclassCount;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "getgoal", aliases = "mfsgetgoal", description = "Show the goal (number of copies), as mfsgetgoal.")
final class GetGoalCommand extends ClientCommand {
    @Option(names = "-r", description = "count goals of everything below each directory")
    boolean recursive;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        for (String p : paths) {
            GetSclass g = c.getGoal(c.resolve(p).inode(), recursive);
            if (!recursive) {
                SclassCount s = g.files().isEmpty() ? g.dirs().getFirst() : g.files().getFirst();
                out.println(p + ": " + label(s));
                continue;
            }
            out.println(p + ":");
            for (SclassCount s : g.files()) {
                out.println((s.name().isPresent() ? " files with storage class       " : " files with goal                ")
                        + label(s) + " : " + count(s.count()));
            }
            for (SclassCount s : g.dirs()) {
                out.println((s.name().isPresent() ? " directories with storage class " : " directories with goal          ")
                        + label(s) + " : " + count(s.count()));
            }
        }
        return 0;
    }

    private static String label(SclassCount s) {
        return s.name().map(n -> "'" + n.utf8() + "'").orElse(Integer.toString(s.classId()));
    }
}
