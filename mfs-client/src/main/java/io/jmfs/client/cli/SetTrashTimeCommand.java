package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolReply.SetResult;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "settrashtime", aliases = "mfssettrashtime",
        description = "Set the trash time: SECONDS, SECONDS+ or SECONDS-, as mfssettrashtime.")
final class SetTrashTimeCommand extends ClientCommand {
    @Option(names = "-r", description = "also everything below each directory")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "SECONDS[+|-]")
    String seconds;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        int smode = seconds.endsWith("+") ? MfsClient.SMODE_INCREASE
                : seconds.endsWith("-") ? MfsClient.SMODE_DECREASE : MfsClient.SMODE_SET;
        long value = Long.parseLong(smode == MfsClient.SMODE_SET ? seconds
                : seconds.substring(0, seconds.length() - 1));
        if (value < 0 || value > 0xFFFFFFFFL) {
            err.println("mfs settrashtime: seconds out of range: " + seconds);
            return 2;
        }
        if (recursive) {
            smode |= MfsClient.SMODE_RECURSIVE;
        }
        for (String p : paths) {
            SetResult r = c.setTrashTime(c.resolve(p).inode(), (int) value, smode);
            if (!recursive) {
                out.println(r.changed() > 0 || smode == MfsClient.SMODE_SET ? p + ": " + value
                        : p + ": trashtime not changed");
            } else {
                out.println(p + ":");
                out.println(" inodes with trashtime changed:     " + count(r.changed()));
                out.println(" inodes with trashtime not changed: " + count(r.notChanged()));
                out.println(" inodes with permission denied:     " + count(r.notPermitted()));
            }
        }
        return 0;
    }
}
