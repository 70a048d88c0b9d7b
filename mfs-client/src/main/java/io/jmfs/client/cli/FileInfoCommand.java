package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.msg.client.ToolReply.CheckChunk;
import io.jmfs.protocol.msg.client.ToolReply.CheckCopy;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "fileinfo", aliases = "mfsfileinfo", description = "Show each chunk of files with its copies.")
final class FileInfoCommand extends ClientCommand {
    private static final List<String> STATES = List.of("VALID", "MARKED FOR REMOVAL", "WRONG VERSION",
            "WRONG VERSION , MARKED FOR REMOVAL", "INVALID");

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    int run(MfsClient c) throws IOException {
        for (String p : paths) {
            Entry e = c.resolve(p);
            long length = e.attr().size();
            long chunks = (length + ChunkGeometry.CHUNK_SIZE - 1) / ChunkGeometry.CHUNK_SIZE;
            out.println(p + ":");
            if (chunks == 0) {
                out.println("\tno chunks - empty file");
            }
            for (int index = 0; index < chunks; index++) {
                CheckChunk ch = c.check(e.inode(), index);
                if (ch.chunkId() == 0 && ch.version() == 0) {
                    out.printf("\tchunk %d: empty%n", index);
                    continue;
                }
                out.printf("\tchunk %d: %016X_%08X / (id:%d ver:%d)%n", index, ch.chunkId(), ch.version(),
                        ch.chunkId(), Integer.toUnsignedLong(ch.version()));
                List<CheckCopy> copies = ch.copies().stream()
                        .sorted(Comparator.comparingLong((CheckCopy x) -> Integer.toUnsignedLong(x.ip()))
                                .thenComparingInt(CheckCopy::port)).toList();
                int valid = 0;
                for (int i = 0; i < copies.size(); i++) {
                    CheckCopy x = copies.get(i);
                    String state = x.copyType() < STATES.size() ? STATES.get(x.copyType()) : "???";
                    if (x.copyType() == 0) {
                        valid++;
                    }
                    out.printf("\t\tcopy %d: %s:%d (status:%s)%n", i + 1, ip(x.ip()), x.port(), state);
                }
                if (valid == 0) {
                    out.println("\t\tno valid copies !!!");
                }
            }
        }
        return 0;
    }

    static String ip(int ip) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xFF) + "." + (ip >>> 8 & 0xFF) + "." + (ip & 0xFF);
    }
}
