package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "getquota", aliases = "mfsgetquota", description = "Show directory quotas, as mfsgetquota.")
final class GetQuotaCommand extends QuotaCommand {
    @Parameters(arity = "1..*", paramLabel = "DIR")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        int status = 0;
        for (String p : paths) {
            if (control(c, p, 0, Optional.empty()).isEmpty()) {
                status = 1;
            }
        }
        return status;
    }
}
