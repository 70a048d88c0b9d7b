package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolRequest.QuotaLimits;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * mfssetquota: small letters soft limits, capital letters hard ones; MooseFS's -S (hard size) and -p (grace period)
 * are {@code --hard-size} and {@code --grace} here, -S and -p being bin/mfs's subfolder and password.
 */
@Command(name = "setquota", aliases = "mfssetquota", description = "Set directory quotas, as mfssetquota.")
final class SetQuotaCommand extends QuotaCommand {
    @Option(names = "--grace", paramLabel = "PERIOD", description = "soft quota grace period (MooseFS -p), e.g. 7d")
    String grace;
    @Option(names = "-i", paramLabel = "INODES", description = "soft inodes limit")
    String softInodes;
    @Option(names = "-I", paramLabel = "INODES", description = "hard inodes limit")
    String hardInodes;
    @Option(names = "-l", paramLabel = "LENGTH", description = "soft length limit")
    String softLength;
    @Option(names = "-L", paramLabel = "LENGTH", description = "hard length limit")
    String hardLength;
    @Option(names = "-s", paramLabel = "SIZE", description = "soft size limit")
    String softSize;
    @Option(names = "--hard-size", paramLabel = "SIZE", description = "hard size limit (MooseFS -S)")
    String hardSize;
    @Option(names = "-r", paramLabel = "SIZE", description = "soft real size limit")
    String softRealSize;
    @Option(names = "-R", paramLabel = "SIZE", description = "hard real size limit")
    String hardRealSize;

    @Parameters(arity = "1..*", paramLabel = "DIR")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        if (refusedForNonRoot()) {
            return 1;
        }
        int flags = 0;
        long[] v = new long[8];
        String[][] given = {{softInodes, "inodes"}, {softLength, "length"}, {softSize, "size"},
                {softRealSize, "real size"}, {hardInodes, "inodes"}, {hardLength, "length"}, {hardSize, "size"},
                {hardRealSize, "real size"}};
        for (int i = 0; i < 8; i++) {
            if (given[i][0] == null) {
                continue;
            }
            boolean inodes = i % 4 == 0;
            try {
                v[i] = ToolNumbers.parse(given[i][0], inodes ? 0xFFFFFFFFL : -1L, !inodes);
            } catch (IllegalArgumentException e) {
                err.println("bad " + given[i][1] + " limit");
                return 1;
            }
            flags |= 1 << i;
        }
        int gracePeriod = 0;
        if (grace != null) {
            try {
                gracePeriod = ToolNumbers.parsePeriod(grace);
            } catch (IllegalArgumentException e) {
                err.println("bad grace period");
                return 1;
            }
        }
        if (flags == 0) {
            err.println("quota options not defined");
            return 1;
        }
        QuotaLimits limits = new QuotaLimits(OptionalInt.of(gracePeriod), (int) v[0], v[1], v[2], v[3], (int) v[4],
                v[5], v[6], v[7]);
        int status = 0;
        for (String p : paths) {
            var done = control(c, p, flags, Optional.of(limits));
            if (done.isEmpty()) {
                status = 1;
            } else {
                // as mfssetquota: each directory after the first gets what the previous one ended up with
                flags = done.get().flags();
                limits = asSent(done.get().limits());
            }
        }
        return status;
    }
}
