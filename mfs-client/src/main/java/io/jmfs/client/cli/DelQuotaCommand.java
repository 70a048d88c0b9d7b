package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** mfsdelquota; MooseFS's -S (hard size) is {@code --hard-size} here, -S being bin/mfs's subfolder. */
@Command(name = "delquota", aliases = "mfsdelquota", description = "Delete directory quotas, as mfsdelquota.")
final class DelQuotaCommand extends QuotaCommand {
    @Option(names = "-i", description = "soft inodes quota")
    boolean softInodes;
    @Option(names = "-I", description = "hard inodes quota")
    boolean hardInodes;
    @Option(names = "-l", description = "soft length quota")
    boolean softLength;
    @Option(names = "-L", description = "hard length quota")
    boolean hardLength;
    @Option(names = "-s", description = "soft size quota")
    boolean softSize;
    @Option(names = "--hard-size", description = "hard size quota (MooseFS -S)")
    boolean hardSize;
    @Option(names = "-r", description = "soft real size quota")
    boolean softRealSize;
    @Option(names = "-R", description = "hard real size quota")
    boolean hardRealSize;
    @Option(names = "-a", description = "all soft quotas")
    boolean allSoft;
    @Option(names = "-A", description = "all hard quotas")
    boolean allHard;

    @Parameters(arity = "1..*", paramLabel = "DIR")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        if (refusedForNonRoot()) {
            return 1;
        }
        boolean[] bits = {softInodes, softLength, softSize, softRealSize, hardInodes, hardLength, hardSize,
                hardRealSize};
        int flags = 0;
        for (int i = 0; i < bits.length; i++) {
            flags |= bits[i] ? 1 << i : 0;
        }
        if (allSoft && (flags & 0x0F) != 0) {
            err.println("'all soft quotas' defined together with other soft quota options");
            return 1;
        }
        if (allHard && (flags & 0xF0) != 0) {
            err.println("'all hard quotas' defined together with other hard quota options");
            return 1;
        }
        flags |= (allSoft ? 0x0F : 0) | (allHard ? 0xF0 : 0);
        if (flags == 0) {
            err.println("quota options not defined");
            return 1;
        }
        int status = 0;
        for (String p : paths) {
            var done = control(c, p, flags, Optional.empty());
            if (done.isEmpty()) {
                status = 1;
            } else {
                // as mfsdelquota: each directory after the first loses the limits the previous one kept
                flags = done.get().flags();
            }
        }
        return status;
    }
}
