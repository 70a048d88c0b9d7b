package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cat", description = "Write MooseFS files to stdout.")
final class CatCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        for (String p : paths) {
            GetCommand.copy(c, c.resolve(p), out);
        }
        return 0;
    }
}
