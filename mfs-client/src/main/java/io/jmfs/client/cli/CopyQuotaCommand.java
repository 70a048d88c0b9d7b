package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolReply;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * mfscopyquota: reads (and prints) the source's quota, then sets the same limits and grace period on each
 * destination, printing each result, as the real tool does.
 */
@Command(name = "copyquota", aliases = "mfscopyquota",
        description = "Copy a directory's quotas to other directories, as mfscopyquota.")
final class CopyQuotaCommand extends QuotaCommand {
    @Parameters(index = "0", paramLabel = "SRCDIR")
    String source;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DSTDIR")
    List<String> targets;

    @Override
    int run(MfsClient c) throws IOException {
        Optional<ToolReply.QuotaControl> src = control(c, source, 0, Optional.empty());
        if (src.isEmpty()) {
            return 1;
        }
        int status = 0;
        int flags = src.get().flags();
        var limits = asSent(src.get().limits());
        for (String p : targets) {
            var done = control(c, p, flags, Optional.of(limits));
            if (done.isEmpty()) {
                status = 1;
            } else {
                // as mfscopyquota: each destination after the first gets what the previous one ended up with
                flags = done.get().flags();
                limits = asSent(done.get().limits());
            }
        }
        return status;
    }
}
