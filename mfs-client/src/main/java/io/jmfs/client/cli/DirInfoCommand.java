package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.protocol.msg.client.ToolReply.GetDirStats;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "dirinfo", aliases = "mfsdirinfo", description = "Summarise a directory tree, as mfsdirinfo.")
final class DirInfoCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        for (String p : paths) {
            GetDirStats s = c.dirStats(c.resolve(p).inode());
            out.println(p + ":");
            out.println(" inodes:       " + count64(Integer.toUnsignedLong(s.inodes())));
            out.println("  directories: " + count64(Integer.toUnsignedLong(s.dirs())));
            out.println("  files:       " + count64(Integer.toUnsignedLong(s.files())));
            out.println(" chunks:       " + count64(Integer.toUnsignedLong(s.chunks())));
            out.println(" length:       " + count64(s.length()));
            out.println(" size:         " + count64(s.size()));
            out.println(" realsize:     " + count64(s.realSize()));
        }
        return 0;
    }
}
