package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolReply.SetResult;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "setgoal", aliases = "mfssetgoal",
        description = "Set the goal: GOAL, GOAL+ (only increase) or GOAL- (only decrease), as mfssetgoal.")
final class SetGoalCommand extends ClientCommand {
    @Option(names = "-r", description = "also everything below each directory")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "GOAL[+|-]")
    String goal;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        int smode = goal.endsWith("+") ? MfsClient.SMODE_INCREASE
                : goal.endsWith("-") ? MfsClient.SMODE_DECREASE : MfsClient.SMODE_SET;
        int value = Integer.parseInt(smode == MfsClient.SMODE_SET ? goal : goal.substring(0, goal.length() - 1));
        if (value < 1 || value > 9) {
            err.println("mfs setgoal: goal must be 1..9: " + goal);
            return 2;
        }
        if (recursive) {
            smode |= MfsClient.SMODE_RECURSIVE;
        }
        for (String p : paths) {
            SetResult r = c.setGoal(c.resolve(p).inode(), value, smode);
            if (!recursive) {
                out.println(r.changed() > 0 || smode == MfsClient.SMODE_SET ? p + ": goal: " + value
                        : p + ": goal not changed");
            } else {
                out.println(p + ":");
                out.println(" inodes with goal changed:              " + count(r.changed()));
                out.println(" inodes with goal not changed:          " + count(r.notChanged()));
                out.println(" inodes with permission denied:         " + count(r.notPermitted()));
            }
        }
        return 0;
    }
}
