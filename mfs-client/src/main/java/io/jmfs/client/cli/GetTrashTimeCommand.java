package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolReply.GetTrashTime;
import io.jmfs.protocol.msg.client.ToolReply.ValueCount;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "gettrashtime", aliases = "mfsgettrashtime", description = "Show the trash time in seconds.")
final class GetTrashTimeCommand extends ClientCommand {
    @Option(names = "-r", description = "count trash times of everything below each directory")
    boolean recursive;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        for (String p : paths) {
            GetTrashTime t = c.getTrashTime(c.resolve(p).inode(), recursive);
            if (!recursive) {
                ValueCount v = t.files().isEmpty() ? t.dirs().getFirst() : t.files().getFirst();
                out.println(p + ": " + Integer.toUnsignedString(v.value()));
                continue;
            }
            out.println(p + ":");
            for (ValueCount v : t.files()) {
                out.printf(" files with trashtime        %10d : %s%n", Integer.toUnsignedLong(v.value()),
                        count(v.count()));
            }
            for (ValueCount v : t.dirs()) {
                out.printf(" directories with trashtime  %10d : %s%n", Integer.toUnsignedLong(v.value()),
                        count(v.count()));
            }
        }
        return 0;
    }
}
