package io.jmfs.client.cli;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsException;
import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * mfsappendchunks: the chunks of each OBJECT are shared onto the end of SNAPSHOT_FILE (created empty when missing),
 * whose length first rounds up to a chunk boundary. As the MooseFS tool, failures are reported on stdout as
 * {@code NAME: reason}, the remaining objects are still tried, and the exit code is 1 if any failed.
 */
@Command(name = "appendchunks", aliases = "mfsappendchunks",
        description = "Append file chunks to another file, as mfsappendchunks. If the destination file doesn't exist"
                + " it is created as an empty file and then chunks are appended.")
final class AppendChunksCommand extends ClientCommand {
    private static final int NEW_FILE_MODE = 0666;

    @Option(names = "-s", paramLabel = "SLICE_FROM:SLICE_TO",
            converter = SliceConverter.class,
            description = "only these chunks, [from,to); negative values count from the end")
    SliceExpression slice;

    @Parameters(index = "0", paramLabel = "SNAPSHOT_FILE")
    String dst;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "OBJECT")
    List<String> objects;

    @Override
    int run(MfsClient c) throws IOException {
        SliceExpression range = sliceRange();
        Entry target = destination(c);
        int status = 0;
        for (String object : objects) {
            if (!appendOne(c, target, object, range)) {
                status = 1;
            }
        }
        return status;
    }

    private SliceExpression sliceRange() {
        return slice == null ? SliceExpression.WHOLE_FILE : slice;
    }

    /** Parses -s before any master is contacted, so a bad slice is a usage error. */
    static final class SliceConverter implements ITypeConverter<SliceExpression> {
        @Override
        public SliceExpression convert(String value) {
            try {
                return SliceExpression.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The destination, created empty (mode 0666, the master applies the umask) when it does not exist yet. */
    private Entry destination(MfsClient c) throws IOException {
        Optional<Entry> existing = Paths.find(c, dst);
        if (existing.isPresent()) {
            return existing.get();
        }
        MfsClient.ParentAndName at = c.resolveParent(dst);
        try {
            c.create(at.parent().inode(), at.name(), NEW_FILE_MODE).close();
        } catch (MfsException e) {
            throw new MfsException(e.status(), "can't create/open file: " + dst);
        }
        return c.resolve(dst);
    }

    private boolean appendOne(MfsClient c, Entry target, String object, SliceExpression range) throws IOException {
        Entry source;
        try {
            source = c.resolve(object);
        } catch (MfsException e) {
            out.println(object + ": " + e.status().message());
            return false;
        }
        if (!isFile(source.attr())) {
            out.println(object + ": not a file");
            return false;
        }
        if (!isFile(target.attr())) {
            out.println(dst + ": not a file");
            return false;
        }
        try {
            c.appendChunks(target.inode(), source.inode(), range.flags(), range.wireFrom(), range.wireTo());
            return true;
        } catch (MfsException e) {
            out.println(dst + ": " + e.status().message());
            return false;
        }
    }

    private static boolean isFile(Attr a) {
        return a.type() == NodeType.FILE;
    }
}
